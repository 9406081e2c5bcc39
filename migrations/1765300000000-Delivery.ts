import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox and webhooks. Events are written in the transaction of the change they describe;
 * webhooks read them in the order they committed and deliver them in batches, at least once.
 */
export class Delivery1765300000000 implements MigrationInterface {
  name = 'Delivery1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outbox_event (
        -- Assigned under the audit chain's lock (the trigger below), held until commit: a reader
        -- that sees sequence n committed knows every smaller sequence has committed or never will.
        sequence bigserial PRIMARY KEY,
        id uuid NOT NULL DEFAULT gen_random_uuid() CONSTRAINT outbox_event_id_uq UNIQUE,
        type text NOT NULL CONSTRAINT outbox_event_type_valid
          CHECK (type IN ('FIT_CHANGED', 'VERSION_PUBLISHED', 'OVERRIDE_CREATED', 'OVERRIDE_REVOKED', 'OVERRIDE_EXPIRED')),
        segment_id uuid NOT NULL,
        account_id uuid,
        version_id uuid,
        occurred_at timestamptz NOT NULL,
        data jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX outbox_event_fit_idx ON outbox_event (segment_id, sequence) WHERE type = 'FIT_CHANGED';

      CREATE FUNCTION outbox_event_order() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- The audit chain's lock (namespace 1): one lock for both logs, so that a change writing
        -- both cannot deadlock with another taking them in the other order.
        PERFORM pg_advisory_xact_lock(1, 0);
        RETURN NULL;
      END $$;
      CREATE TRIGGER outbox_event_order BEFORE INSERT ON outbox_event
        FOR EACH STATEMENT EXECUTE FUNCTION outbox_event_order();
      -- Delivered at commit, once per transaction however many events it wrote: workers wake up.
      CREATE FUNCTION outbox_event_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('fitgraph_outbox', '');
        RETURN NULL;
      END $$;
      CREATE TRIGGER outbox_event_notify AFTER INSERT ON outbox_event
        FOR EACH STATEMENT EXECUTE FUNCTION outbox_event_notify();
      CREATE TRIGGER outbox_event_append_only BEFORE UPDATE OR DELETE ON outbox_event
        FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();

      CREATE TABLE webhook (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        url text NOT NULL CONSTRAINT webhook_url_http CHECK (url ~* '^https?://'),
        description text,
        events text[] NOT NULL CONSTRAINT webhook_events_not_empty CHECK (cardinality(events) > 0),
        -- Null: every segment.
        segment_ids uuid[],
        active boolean NOT NULL DEFAULT true,
        -- Needed in clear to sign each delivery; never returned by the API after creation.
        secret text NOT NULL,
        -- Events up to this sequence have been put into deliveries (or did not match).
        last_sequence bigint NOT NULL,
        created_by text NOT NULL,
        created_by_key_id text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        deleted_at timestamptz
      );

      CREATE TABLE webhook_delivery (
        id uuid PRIMARY KEY,
        webhook_id uuid NOT NULL CONSTRAINT webhook_delivery_webhook_fk REFERENCES webhook (id),
        event_ids uuid[] NOT NULL,
        first_sequence bigint NOT NULL,
        status text NOT NULL CONSTRAINT webhook_delivery_status_valid CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED')),
        attempts integer NOT NULL DEFAULT 0,
        last_status_code integer,
        last_error text,
        next_attempt_at timestamptz,
        delivered_at timestamptz,
        created_at timestamptz NOT NULL
      );
      -- What a webhook sends next: its oldest pending delivery.
      CREATE INDEX webhook_delivery_pending_idx ON webhook_delivery (webhook_id, first_sequence) WHERE status = 'PENDING';
      CREATE INDEX webhook_delivery_list_idx ON webhook_delivery (webhook_id, created_at DESC, id DESC);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE webhook_delivery;
      DROP TABLE webhook;
      DROP TABLE outbox_event;
      DROP FUNCTION outbox_event_notify();
      DROP FUNCTION outbox_event_order();
    `);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';
import { keyNameIdentity } from '../src/domain/auth/key-name';

/**
 * Who acted, beyond a name anybody could choose: audit rows keep the acting key's id and the
 * client's own request id; overrides keep their author's key id as a real reference; key names
 * are unique by what a reader sees (see src/auth/key-name.ts).
 */
export class AuditActors1764700000000 implements MigrationInterface {
  name = 'AuditActors1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE audit_event
        ADD COLUMN actor_key_id uuid CONSTRAINT audit_event_actor_key_fk REFERENCES api_key (id),
        ADD COLUMN client_request_id text CONSTRAINT audit_event_client_request_id_length CHECK (char_length(client_request_id) <= 128);
      CREATE INDEX audit_event_actor_key_idx ON audit_event (actor_key_id, sequence);

      -- The new fields enter the canonical text only when set, so that every row written before
      -- this migration keeps its canonical text, and so its hash: the chain stays verifiable.
      CREATE OR REPLACE FUNCTION audit_event_canonical(e audit_event) RETURNS text LANGUAGE sql IMMUTABLE AS $$
        SELECT (jsonb_build_object(
          'sequence', e.sequence,
          'id', e.id,
          'occurredAt', to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
          'actor', e.actor,
          'action', e.action,
          'entityType', e.entity_type,
          'entityId', e.entity_id,
          'before', e.before,
          'after', e.after,
          'justification', e.justification,
          'requestId', e.request_id)
          || jsonb_strip_nulls(jsonb_build_object('actorKeyId', e.actor_key_id, 'clientRequestId', e.client_request_id)))::text
      $$;

      -- Held the key's id or the word 'system'; now the key's id, or null for fitgraph's own work.
      -- (ALTER ... TYPE rewrites the table without firing the row guard, which refuses edits.)
      ALTER TABLE fit_override ALTER COLUMN created_by_key_id DROP NOT NULL;
      ALTER TABLE fit_override ALTER COLUMN created_by_key_id TYPE uuid USING (
        CASE WHEN created_by_key_id ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN created_by_key_id::uuid END);
      ALTER TABLE fit_override ADD CONSTRAINT fit_override_created_by_key_fk
        FOREIGN KEY (created_by_key_id) REFERENCES api_key (id) NOT VALID;

      ALTER TABLE api_key ADD COLUMN name_identity text;
    `);
    // Existing names get their identity; a name that already collides with an older key's keeps
    // working but is set apart by its id, so the unique index can hold from now on.
    const keys: Array<{ id: string; name: string }> = await q.query('SELECT id, name FROM api_key ORDER BY created_at, id');
    const taken = new Set<string>();
    for (const key of keys) {
      let identity = keyNameIdentity(key.name);
      if (taken.has(identity)) identity = `${identity}#${key.id}`;
      taken.add(identity);
      await q.query('UPDATE api_key SET name_identity = $2 WHERE id = $1', [key.id, identity]);
    }
    await q.query(`
      ALTER TABLE api_key ALTER COLUMN name_identity SET NOT NULL;
      CREATE UNIQUE INDEX api_key_name_identity_uq ON api_key (name_identity);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX api_key_name_identity_uq;
      ALTER TABLE api_key DROP COLUMN name_identity;
      ALTER TABLE fit_override DROP CONSTRAINT fit_override_created_by_key_fk;
      ALTER TABLE fit_override ALTER COLUMN created_by_key_id TYPE text USING coalesce(created_by_key_id::text, 'system');
      ALTER TABLE fit_override ALTER COLUMN created_by_key_id SET NOT NULL;
      CREATE OR REPLACE FUNCTION audit_event_canonical(e audit_event) RETURNS text LANGUAGE sql IMMUTABLE AS $$
        SELECT jsonb_build_object(
          'sequence', e.sequence,
          'id', e.id,
          'occurredAt', to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
          'actor', e.actor,
          'action', e.action,
          'entityType', e.entity_type,
          'entityId', e.entity_id,
          'before', e.before,
          'after', e.after,
          'justification', e.justification,
          'requestId', e.request_id)::text
      $$;
      DROP INDEX audit_event_actor_key_idx;
      ALTER TABLE audit_event DROP COLUMN client_request_id, DROP COLUMN actor_key_id;
    `);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * API keys, attribute catalogue, segments, ICP versions and the audit trail.
 * Invariants live here, not only in code: published versions are immutable, the audit
 * trail is append-only, gap-free and hash-chained.
 */
export class Registry1764000000000 implements MigrationInterface {
  name = 'Registry1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE api_key (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CONSTRAINT api_key_name_not_blank CHECK (btrim(name) <> ''),
        role text NOT NULL CONSTRAINT api_key_role_valid
          CHECK (role IN ('VIEWER', 'REVOPS', 'SALES_MANAGER', 'AUDITOR', 'ADMIN')),
        secret_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by text NOT NULL,
        revoked_at timestamptz,
        revoked_by text
      );
      -- A revoked key's hash may come back (FITGRAPH_ADMIN_KEY after a revoke): unique among live keys.
      CREATE UNIQUE INDEX api_key_live_secret_uq ON api_key (secret_hash) WHERE revoked_at IS NULL;

      CREATE TABLE attribute_definition (
        key text PRIMARY KEY CONSTRAINT attribute_definition_key_format CHECK (key ~ '^[a-zA-Z][a-zA-Z0-9_]{0,62}$'),
        type text NOT NULL CONSTRAINT attribute_definition_type_valid
          CHECK (type IN ('NUMBER', 'STRING', 'STRING_LIST', 'BOOLEAN', 'DATE')),
        dimension text CONSTRAINT attribute_definition_dimension_valid
          CHECK (dimension IN ('FIRMOGRAPHICS', 'TECHNOGRAPHICS', 'BEHAVIORAL', 'BUSINESS_NEEDS', 'GROWTH')),
        description text,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      -- Keys are unique case-insensitively, so that annualrevenue cannot shadow annualRevenue.
      CREATE UNIQUE INDEX attribute_definition_key_ci_uq ON attribute_definition (lower(key));

      CREATE TABLE segment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        key text NOT NULL CONSTRAINT segment_key_format CHECK (key ~ '^[a-z][a-z0-9_-]{0,62}$'),
        name text NOT NULL CONSTRAINT segment_name_not_blank CHECK (btrim(name) <> ''),
        description text,
        membership jsonb NOT NULL DEFAULT '[]',
        -- Version numbers are handed out from here so that a discarded draft's number is never reused.
        versions_created integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by text NOT NULL,
        CONSTRAINT segment_key_uq UNIQUE (key)
      );

      CREATE TABLE icp_version (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        segment_id uuid NOT NULL CONSTRAINT icp_version_segment_fk REFERENCES segment (id),
        number integer NOT NULL CONSTRAINT icp_version_number_positive CHECK (number > 0),
        status text NOT NULL CONSTRAINT icp_version_status_valid CHECK (status IN ('DRAFT', 'PUBLISHED', 'SUPERSEDED')),
        revision integer NOT NULL DEFAULT 1,
        definition jsonb NOT NULL,
        content_hash text NOT NULL,
        notes text,
        based_on_id uuid CONSTRAINT icp_version_based_on_fk REFERENCES icp_version (id),
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        discarded_at timestamptz,
        published_by text,
        published_at timestamptz,
        effective_at timestamptz,
        superseded_at timestamptz,
        CONSTRAINT icp_version_number_uq UNIQUE (segment_id, number),
        CONSTRAINT icp_version_published_fields CHECK (
          (status = 'DRAFT') = (published_at IS NULL)
          AND (published_at IS NULL) = (effective_at IS NULL)
          AND (published_at IS NULL) = (published_by IS NULL)),
        CONSTRAINT icp_version_superseded_fields CHECK ((status = 'SUPERSEDED') = (superseded_at IS NOT NULL)),
        CONSTRAINT icp_version_discard_only_drafts CHECK (discarded_at IS NULL OR status = 'DRAFT')
      );
      -- At most one live version per segment: a concurrent second publish fails here at the latest.
      CREATE UNIQUE INDEX icp_version_one_live_uq ON icp_version (segment_id) WHERE status = 'PUBLISHED';

      CREATE FUNCTION icp_version_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        probe icp_version;
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'icp_version rows are never deleted (version %)', OLD.id USING ERRCODE = 'restrict_violation';
        END IF;
        IF OLD.status = 'DRAFT' THEN
          IF OLD.discarded_at IS NOT NULL THEN
            RAISE EXCEPTION 'discarded draft % cannot change', OLD.id USING ERRCODE = 'restrict_violation';
          END IF;
          IF NEW.id <> OLD.id OR NEW.segment_id <> OLD.segment_id OR NEW.number <> OLD.number
             OR NEW.created_by <> OLD.created_by OR NEW.created_at <> OLD.created_at
             OR NEW.based_on_id IS DISTINCT FROM OLD.based_on_id OR NEW.status = 'SUPERSEDED' THEN
            RAISE EXCEPTION 'identity of version % cannot change', OLD.id USING ERRCODE = 'restrict_violation';
          END IF;
          RETURN NEW;
        END IF;
        IF OLD.status = 'PUBLISHED' AND NEW.status = 'SUPERSEDED' THEN
          -- The one permitted change of a published row: PUBLISHED -> SUPERSEDED with its timestamp.
          probe := NEW;
          probe.status := OLD.status;
          probe.superseded_at := OLD.superseded_at;
          IF probe IS NOT DISTINCT FROM OLD THEN
            RETURN NEW;
          END IF;
        END IF;
        RAISE EXCEPTION '% version % is immutable', lower(OLD.status), OLD.id USING ERRCODE = 'restrict_violation';
      END $$;
      CREATE TRIGGER icp_version_guard BEFORE UPDATE OR DELETE ON icp_version
        FOR EACH ROW EXECUTE FUNCTION icp_version_guard();

      CREATE FUNCTION refuse_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% cannot be truncated', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
      END $$;
      CREATE TRIGGER icp_version_no_truncate BEFORE TRUNCATE ON icp_version
        FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate();

      CREATE TABLE audit_event (
        sequence bigint PRIMARY KEY,
        id uuid NOT NULL DEFAULT gen_random_uuid() CONSTRAINT audit_event_id_uq UNIQUE,
        occurred_at timestamptz NOT NULL,
        actor text NOT NULL,
        action text NOT NULL,
        entity_type text NOT NULL,
        entity_id text NOT NULL,
        before jsonb,
        after jsonb,
        justification text,
        request_id text,
        previous_hash text,
        hash text NOT NULL
      );
      CREATE INDEX audit_event_actor_idx ON audit_event (actor, sequence);
      CREATE INDEX audit_event_action_idx ON audit_event (action, sequence);
      CREATE INDEX audit_event_entity_idx ON audit_event (entity_type, entity_id, sequence);
      CREATE INDEX audit_event_occurred_at_idx ON audit_event (occurred_at);

      -- The canonical text of a row: jsonb prints keys in a fixed order, timestamps in UTC.
      CREATE FUNCTION audit_event_canonical(e audit_event) RETURNS text LANGUAGE sql IMMUTABLE AS $$
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
      CREATE FUNCTION audit_event_hash(e audit_event) RETURNS text LANGUAGE sql IMMUTABLE AS $$
        SELECT encode(sha256(convert_to(coalesce(e.previous_hash, '') || audit_event_canonical(e), 'UTF8')), 'hex')
      $$;

      -- Sequence, time and hash are assigned here, under one lock, whatever path inserts:
      -- the chain has no gaps because a rolled-back insert releases its number with the lock.
      CREATE FUNCTION audit_event_chain() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        last_sequence bigint;
        last_hash text;
      BEGIN
        -- Advisory locks use two keys, (namespace, key): 1 = audit chain, 2 = publish, 3 = account.
        PERFORM pg_advisory_xact_lock(1, 0);
        SELECT sequence, hash INTO last_sequence, last_hash FROM audit_event ORDER BY sequence DESC LIMIT 1;
        NEW.sequence := coalesce(last_sequence, 0) + 1;
        NEW.previous_hash := last_hash;
        NEW.occurred_at := clock_timestamp();
        NEW.hash := audit_event_hash(NEW);
        RETURN NEW;
      END $$;
      CREATE TRIGGER audit_event_chain BEFORE INSERT ON audit_event
        FOR EACH ROW EXECUTE FUNCTION audit_event_chain();

      CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP USING ERRCODE = 'restrict_violation';
      END $$;
      CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
        FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();
      CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
        FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate();
    `);

    // The common attributes of the seeds' five dimensions, so that definitions validate from the start.
    const attributes: Array<[string, string, string, string]> = [
      ['industry', 'STRING', 'FIRMOGRAPHICS', 'Vertical, e.g. "financial services", "saas", "healthcare"'],
      ['employees', 'NUMBER', 'FIRMOGRAPHICS', 'Employee count'],
      ['annualRevenue', 'NUMBER', 'FIRMOGRAPHICS', 'Annual revenue in USD'],
      ['country', 'STRING', 'FIRMOGRAPHICS', 'ISO 3166-1 alpha-2 country code'],
      ['region', 'STRING', 'FIRMOGRAPHICS', 'Sales region: NA, EMEA, APAC, LATAM'],
      ['fundingStage', 'STRING', 'FIRMOGRAPHICS', 'seed, series-a, series-b, series-c, growth, public, private'],
      ['foundedYear', 'NUMBER', 'FIRMOGRAPHICS', 'Year the company was founded'],
      ['businessModel', 'STRING', 'FIRMOGRAPHICS', 'b2b, b2c, marketplace, b2b2c'],
      ['isPublic', 'BOOLEAN', 'FIRMOGRAPHICS', 'Publicly listed'],
      ['techStack', 'STRING_LIST', 'TECHNOGRAPHICS', 'Technologies in use, e.g. salesforce, aws, snowflake'],
      ['cloudProvider', 'STRING', 'TECHNOGRAPHICS', 'Primary cloud: aws, azure, gcp, other'],
      ['deployment', 'STRING', 'TECHNOGRAPHICS', 'Deployment requirement: cloud, hybrid, on-premise-only'],
      ['mlMaturity', 'STRING', 'TECHNOGRAPHICS', 'none, early, growing, dedicated-team'],
      ['usesCompetitor', 'BOOLEAN', 'TECHNOGRAPHICS', 'Uses a direct competitor (displacement opportunity)'],
      ['websiteVisits30d', 'NUMBER', 'BEHAVIORAL', 'Website visits in the last 30 days'],
      ['contentDownloads90d', 'NUMBER', 'BEHAVIORAL', 'Content downloads in the last 90 days'],
      ['demoRequested', 'BOOLEAN', 'BEHAVIORAL', 'A demo was requested'],
      ['emailEngagementRate', 'NUMBER', 'BEHAVIORAL', 'Email click/open rate, 0 to 1'],
      ['eventsAttended', 'NUMBER', 'BEHAVIORAL', 'Webinars and events attended in the last year'],
      ['openRoles', 'NUMBER', 'BEHAVIORAL', 'Open job postings relevant to our product'],
      ['lastFundingAt', 'DATE', 'BEHAVIORAL', 'Date of the last funding round'],
      ['lastEngagedAt', 'DATE', 'BEHAVIORAL', 'Last engagement of a key contact'],
      ['painPoints', 'STRING_LIST', 'BUSINESS_NEEDS', 'Stated pains, e.g. scaling, cost, latency, compliance'],
      ['useCases', 'STRING_LIST', 'BUSINESS_NEEDS', 'Use cases, e.g. fraud-detection, recommendations'],
      ['budgetUsd', 'NUMBER', 'BUSINESS_NEEDS', 'Annual budget capability in USD'],
      ['urgency', 'STRING', 'BUSINESS_NEEDS', 'critical, important, nice-to-have'],
      ['headcountGrowth12m', 'NUMBER', 'GROWTH', 'Headcount growth over 12 months, as a fraction (0.25 = 25 %)'],
      ['expansionPotential', 'STRING', 'GROWTH', 'high, medium, low'],
      ['referencePotential', 'BOOLEAN', 'GROWTH', 'Willing to be a reference or case study'],
    ];
    for (const [key, type, dimension, description] of attributes) {
      await q.query(
        'INSERT INTO attribute_definition (key, type, dimension, description) VALUES ($1, $2, $3, $4)',
        [key, type, dimension, description],
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP FUNCTION audit_event_hash(audit_event);
      DROP FUNCTION audit_event_canonical(audit_event);
      DROP TABLE audit_event;
      DROP FUNCTION audit_event_append_only();
      DROP FUNCTION audit_event_chain();
      DROP TABLE icp_version;
      DROP FUNCTION icp_version_guard();
      DROP FUNCTION refuse_truncate();
      DROP TABLE segment;
      DROP TABLE attribute_definition;
      DROP TABLE api_key;
    `);
  }
}

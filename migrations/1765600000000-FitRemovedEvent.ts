import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * FIT_REMOVED: an account left a segment, so it has no fit there any more. FIT_CHANGED cannot say
 * it (the contract's FitChange.after is non-null); webhooks that ask for FIT_REMOVED receive it.
 */
export class FitRemovedEvent1765600000000 implements MigrationInterface {
  name = 'FitRemovedEvent1765600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE outbox_event DROP CONSTRAINT outbox_event_type_valid;
      ALTER TABLE outbox_event ADD CONSTRAINT outbox_event_type_valid
        CHECK (type IN ('FIT_CHANGED', 'FIT_REMOVED', 'VERSION_PUBLISHED', 'OVERRIDE_CREATED', 'OVERRIDE_REVOKED', 'OVERRIDE_EXPIRED'));
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE outbox_event DROP CONSTRAINT outbox_event_type_valid;
      ALTER TABLE outbox_event ADD CONSTRAINT outbox_event_type_valid
        CHECK (type IN ('FIT_CHANGED', 'VERSION_PUBLISHED', 'OVERRIDE_CREATED', 'OVERRIDE_REVOKED', 'OVERRIDE_EXPIRED'));
    `);
  }
}

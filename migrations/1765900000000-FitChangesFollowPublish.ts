import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A publish's FIT_CHANGED events are no longer rows written in its flip (one per changed tier:
 * 44 s for a million in one transaction that every upsert waited for). The flip writes its
 * VERSION_PUBLISHED event marked `fit_changes_follow`: the FIT_CHANGED events of that publish
 * follow it in the stream, read from the two versions' score rows as the flip left them (the
 * superseded version's current rows and the new version's prepared rows never change after it).
 * Readers keep their place inside those events: a webhook by the account it last put into a
 * delivery, and a delivery keeps the events it sends, as they were when it was made.
 */
export class FitChangesFollowPublish1765900000000 implements MigrationInterface {
  name = 'FitChangesFollowPublish1765900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE outbox_event ADD COLUMN fit_changes_follow boolean NOT NULL DEFAULT false;
      -- Inside the FIT_CHANGED events that follow the event at last_sequence: the last account put
      -- into a delivery (the nil uuid: none yet). Null: last_sequence and what follows it are done.
      ALTER TABLE webhook ADD COLUMN last_account_id uuid;
      -- The events a delivery sends, as they were put into it (null for deliveries made before).
      ALTER TABLE webhook_delivery ADD COLUMN events jsonb;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE webhook_delivery DROP COLUMN events;
      ALTER TABLE webhook DROP COLUMN last_account_id;
      ALTER TABLE outbox_event DROP COLUMN fit_changes_follow;
    `);
  }
}

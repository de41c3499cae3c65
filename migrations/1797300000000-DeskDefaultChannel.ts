import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The channel a desk's intake starts from: the national center answers the phone, a desk that
 * mostly works its inbox starts from email. Existing desks keep today's behaviour (phone).
 */
export class DeskDefaultChannel1797300000000 implements MigrationInterface {
  name = 'DeskDefaultChannel1797300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE desk
        ADD COLUMN default_channel text NOT NULL DEFAULT 'phone'
          CONSTRAINT desk_default_channel_known
          CHECK (default_channel IN ('phone', 'email', 'web', 'walk_in', 'seminar', 'chamber_referral'))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE desk DROP COLUMN default_channel`);
  }
}

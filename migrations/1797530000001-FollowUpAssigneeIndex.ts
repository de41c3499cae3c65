import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The home page counts each person's overdue follow-ups: open ones by assignee and due date.
 * Without it the count read every follow-up (the open index leads with the desk).
 */
export class FollowUpAssigneeIndex1797530000001 implements MigrationInterface {
  name = 'FollowUpAssigneeIndex1797530000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE INDEX follow_up_assignee_open_idx ON follow_up (assignee_id, due_on) WHERE status = 'open'`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX follow_up_assignee_open_idx`);
  }
}

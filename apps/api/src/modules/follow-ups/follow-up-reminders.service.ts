import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { NotificationsService } from '../notifications/notifications.service';

interface Due {
  id: string;
  case_id: string;
  desk_id: string;
  assignee_id: string | null;
  due_on: string;
  note: string;
  number: string;
  organization_name: string;
}

/**
 * Reminds the assignee (or, without one, the desk's staff) of follow-ups due today or
 * earlier, once per due date: rescheduling clears the mark, so the new date reminds again.
 */
@Injectable()
export class FollowUpRemindersService {
  private readonly logger = new Logger(FollowUpRemindersService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
  ) {}

  async run(): Promise<number> {
    return this.dataSource.transaction(async (db) => {
      // For UPDATE … RETURNING, TypeORM's pg driver answers [rows, affectedCount].
      const [due] = await db.query<[Due[], number]>(
        `UPDATE follow_up f SET reminded_at = now()
           FROM "case" c JOIN organization o ON o.id = c.organization_id
          WHERE c.id = f.case_id AND f.status = 'open' AND f.reminded_at IS NULL
            AND f.due_on <= (now() AT TIME ZONE 'Asia/Tokyo')::date
        RETURNING f.id, f.case_id, f.desk_id, f.assignee_id, to_char(f.due_on, 'YYYY-MM-DD') AS due_on,
                  f.note, c.number, o.name AS organization_name`,
      );
      for (const f of due) {
        const userIds = f.assignee_id
          ? [f.assignee_id]
          : (
              await db.query<{ id: string }[]>(
                `SELECT id FROM app_user WHERE active AND desk_id = $1 AND role IN ('operator', 'desk_staff')`,
                [f.desk_id],
              )
            ).map((u) => u.id);
        await this.notifications.notify(db, {
          userIds,
          kind: 'follow_up_due',
          caseId: f.case_id,
          title: `フォローアップ期日 ${f.due_on}: ${f.organization_name}(${f.number})`,
          body: f.note,
          dedupeKey: `follow_up:${f.id}:${f.due_on}`,
        });
      }
      if (due.length > 0) {
        this.logger.log(`${due.length} follow-up reminder(s) sent`);
      }
      return due.length;
    });
  }
}

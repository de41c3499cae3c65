import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { NotificationsService } from '../notifications/notifications.service';
import { UsersRepository } from '../users/users.repository';
import { FollowUpsRepository } from './follow-ups.repository';

/**
 * Reminds the assignee (or, without one, the desk's staff) of follow-ups due today or
 * earlier, once per due date: rescheduling clears the mark, so the new date reminds again.
 */
@Injectable()
export class FollowUpRemindersService {
  private readonly logger = new Logger(FollowUpRemindersService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly followUps: FollowUpsRepository,
    private readonly users: UsersRepository,
    private readonly notifications: NotificationsService,
  ) {}

  async run(): Promise<number> {
    return this.dataSource.transaction(async (db) => {
      const due = await this.followUps.claimDueReminders(db);
      for (const f of due) {
        const userIds = f.assignee_id
          ? [f.assignee_id]
          : await this.users.assignableStaff(db, f.desk_id);
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

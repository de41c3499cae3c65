import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { NotificationsService } from '../notifications/notifications.service';
import { SessionsRepository } from './sessions.repository';

/** The afternoon before: reminds the expert and the case's assignee of tomorrow's sessions. */
@Injectable()
export class SessionRemindersService {
  private readonly logger = new Logger(SessionRemindersService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: SessionsRepository,
    private readonly notifications: NotificationsService,
  ) {}

  async run(): Promise<number> {
    return this.dataSource.transaction(async (db) => {
      const sessions = await this.sessions.tomorrow(db);
      let sent = 0;
      for (const s of sessions) {
        sent += await this.notifications.notify(db, {
          userIds: [s.expert_user_id, ...(s.assignee_id ? [s.assignee_id] : [])],
          kind: 'session_tomorrow',
          caseId: s.case_id,
          title: `明日の専門家派遣 ${s.starts}: ${s.organization_name}`,
          body: [s.mode === 'online' ? 'オンライン' : '訪問', s.location]
            .filter(Boolean)
            .join(' / '),
          dedupeKey: `session:${s.id}:${s.starts}`,
        });
      }
      if (sent > 0) {
        this.logger.log(`${sent} session reminder(s)`);
      }
      return sent;
    });
  }
}

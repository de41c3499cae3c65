import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { NotificationsService } from '../notifications/notifications.service';

interface Tomorrow {
  id: string;
  case_id: string;
  expert_user_id: string;
  assignee_id: string | null;
  starts: string;
  mode: string;
  location: string | null;
  organization_name: string;
}

/** The afternoon before: reminds the expert and the case's assignee of tomorrow's sessions. */
@Injectable()
export class SessionRemindersService {
  private readonly logger = new Logger(SessionRemindersService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
  ) {}

  async run(): Promise<number> {
    return this.dataSource.transaction(async (db) => {
      const sessions = await db.query<Tomorrow[]>(
        `SELECT s.id, s.case_id, p.user_id AS expert_user_id, c.assignee_id, s.mode, s.location,
                to_char(lower(s.scheduled) AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM-DD HH24:MI') AS starts,
                o.name AS organization_name
           FROM expert_session s
           JOIN expert_profile p ON p.id = s.expert_id
           JOIN "case" c ON c.id = s.case_id
           JOIN organization o ON o.id = s.organization_id
          WHERE s.status = 'scheduled'
            AND (lower(s.scheduled) AT TIME ZONE 'Asia/Tokyo')::date
                = (now() AT TIME ZONE 'Asia/Tokyo')::date + 1`,
      );
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

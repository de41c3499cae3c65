import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

export interface Viewer {
  userId: string;
  name: string;
  /** When they opened the case, ISO 8601. */
  since: string;
}

/** The SQL on `case_presence`, the heartbeat rows of open case pages. */
@Injectable()
export class PresenceRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async beat(caseId: string, userId: string, connectionId: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO case_presence (case_id, user_id, connection_id) VALUES ($1, $2, $3)
         ON CONFLICT (case_id, connection_id) DO UPDATE SET seen_at = now()`,
      [caseId, userId, connectionId],
    );
  }

  /** Everyone but `userId` with a heartbeat within `staleSeconds`, by name. */
  others(caseId: string, userId: string, staleSeconds: number): Promise<Viewer[]> {
    return this.dataSource.query<Viewer[]>(
      `SELECT p.user_id AS "userId", u.display_name AS name, to_char(min(p.seen_at), 'YYYY-MM-DD"T"HH24:MI:SSOF') AS since
           FROM case_presence p JOIN app_user u ON u.id = p.user_id
          WHERE p.case_id = $1 AND p.user_id <> $2
            AND p.seen_at > now() - make_interval(secs => $3)
          GROUP BY p.user_id, u.display_name ORDER BY u.display_name`,
      [caseId, userId, staleSeconds],
    );
  }

  async leave(caseId: string, connectionId: string): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM case_presence WHERE case_id = $1 AND connection_id = $2`,
      [caseId, connectionId],
    );
  }

  /** Heartbeats of tabs closed on crashed instances. */
  async sweep(): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM case_presence WHERE seen_at < now() - interval '1 hour'`,
    );
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Row } from '../../database/rows';

/** A session as the expert's calendar feed shows it. */
export type FeedRow = Row<
  'expert_session',
  'id' | 'kind' | 'status' | 'mode' | 'location' | 'created_at' | 'updated_at'
> & {
  start: Date;
  end: Date;
  case_number: Row<'case', 'number'>['number'];
  organization_name: Row<'organization', 'name'>['name'];
};

/** The only SQL on expert_calendar_token, and the feed's read of the expert's sessions. */
@Injectable()
export class CalendarRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Revokes the expert's live feed token; answers how many were revoked (0 or 1). */
  async revokeOf(db: EntityManager, expertId: string): Promise<number> {
    const [, affected] = await db.query<[unknown, number]>(
      `UPDATE expert_calendar_token SET revoked_at = now() WHERE expert_id = $1 AND revoked_at IS NULL`,
      [expertId],
    );
    return affected;
  }

  /** Throws the unique violation when another token was issued at the same moment. */
  async insert(
    db: EntityManager,
    expertId: string,
    tokenHash: Buffer,
    createdBy: string,
  ): Promise<Row<'expert_calendar_token', 'id' | 'created_at'>> {
    const [row] = await db.query<Row<'expert_calendar_token', 'id' | 'created_at'>[]>(
      `INSERT INTO expert_calendar_token (expert_id, token_hash, created_by) VALUES ($1, $2, $3)
           RETURNING id, created_at`,
      [expertId, tokenHash, createdBy],
    );
    return row!;
  }

  /** The active expert a live token belongs to, with their name. */
  async ownerOf(
    tokenHash: Buffer,
  ): Promise<{ expert_id: string; name: Row<'app_user', 'display_name'>['display_name'] } | null> {
    const [owner] = await this.dataSource.query<{ expert_id: string; name: string }[]>(
      `SELECT t.expert_id, u.display_name AS name
         FROM expert_calendar_token t
         JOIN expert_profile p ON p.id = t.expert_id
         JOIN app_user u ON u.id = p.user_id
        WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND p.active AND u.active`,
      [tokenHash],
    );
    return owner ?? null;
  }

  /** The expert's sessions of the past year and to come, not cancelled, in order. */
  feed(expertId: string): Promise<FeedRow[]> {
    return this.dataSource.query<FeedRow[]>(
      `SELECT s.id, s.kind, s.status, s.mode, s.location, lower(s.scheduled) AS start,
              upper(s.scheduled) AS "end", c.number AS case_number, o.name AS organization_name,
              s.created_at, s.updated_at
         FROM expert_session s
         JOIN "case" c ON c.id = s.case_id
         JOIN organization o ON o.id = s.organization_id
        WHERE s.expert_id = $1 AND s.status <> 'cancelled'
          AND lower(s.scheduled) > now() - interval '1 year'
        ORDER BY lower(s.scheduled)`,
      [expertId],
    );
  }
}

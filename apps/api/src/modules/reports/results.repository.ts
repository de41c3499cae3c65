import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Row } from '../../database/rows';
import type { ResultsFiguresDto } from './dto/results.dto';

/** A frozen results report without its figures, with the name of whoever froze it. */
export type SnapshotRow = Row<
  'report_snapshot',
  'id' | 'period' | 'scope' | 'created_at' | 'created_by'
> & {
  created_by_name: Row<'app_user', 'display_name'>['display_name'];
};

const SNAPSHOT_COLUMNS = `s.id, s.period, s.scope, s.created_at, s.created_by, u.display_name AS created_by_name`;

/** SQL on report_snapshot, the frozen results reports; on the primary. */
@Injectable()
export class ResultsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The snapshot of a period and scope with its figures. */
  async findWithFigures(
    period: string,
    scope: string,
  ): Promise<(SnapshotRow & { figures: ResultsFiguresDto }) | null> {
    const [row] = await this.dataSource.query<(SnapshotRow & { figures: ResultsFiguresDto })[]>(
      `SELECT s.*, u.display_name AS created_by_name
         FROM report_snapshot s JOIN app_user u ON u.id = s.created_by
        WHERE s.period = $1 AND s.scope = $2`,
      [period, scope],
    );
    return row ?? null;
  }

  async find(period: string, scope: string): Promise<SnapshotRow | null> {
    const [row] = await this.dataSource.query<SnapshotRow[]>(
      `SELECT ${SNAPSHOT_COLUMNS}
         FROM report_snapshot s JOIN app_user u ON u.id = s.created_by
        WHERE s.period = $1 AND s.scope = $2`,
      [period, scope],
    );
    return row ?? null;
  }

  /**
   * The unique key decides a race between two managers freezing the same period: null when the
   * period and scope are frozen already.
   */
  async insert(
    db: EntityManager,
    period: string,
    scope: string,
    figures: ResultsFiguresDto,
    createdBy: string,
  ): Promise<string | null> {
    const [row] = await db.query<Row<'report_snapshot', 'id'>[]>(
      `INSERT INTO report_snapshot (period, scope, figures, created_by) VALUES ($1, $2, $3, $4)
         ON CONFLICT (period, scope) DO NOTHING RETURNING id`,
      [period, scope, JSON.stringify(figures), createdBy],
    );
    return row?.id ?? null;
  }

  async load(db: EntityManager, id: string): Promise<SnapshotRow | null> {
    const [row] = await db.query<SnapshotRow[]>(
      `SELECT ${SNAPSHOT_COLUMNS}
           FROM report_snapshot s JOIN app_user u ON u.id = s.created_by WHERE s.id = $1`,
      [id],
    );
    return row ?? null;
  }

  /** Snapshots of a scope ('all': every scope), newest first. */
  list(scope: string): Promise<SnapshotRow[]> {
    return this.dataSource.query<SnapshotRow[]>(
      `SELECT ${SNAPSHOT_COLUMNS}
         FROM report_snapshot s JOIN app_user u ON u.id = s.created_by
        WHERE $1 = 'all' OR s.scope = $1
        ORDER BY s.created_at DESC`,
      [scope],
    );
  }
}

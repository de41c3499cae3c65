import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Row } from '../../database/rows';
import type { RegistryRecord } from './registry-record';

/** A registry row as the lookup answers it: dates as YYYY-MM-DD text. */
export type RegistryEntryRow = Row<
  'corporate_registry',
  | 'corporate_number'
  | 'process'
  | 'name'
  | 'name_kana'
  | 'kind'
  | 'prefecture_name'
  | 'city_name'
  | 'street_number'
  | 'prefecture_code'
  | 'city_code'
  | 'post_code'
  | 'address_outside'
  | 'close_cause'
  | 'successor_corporate_number'
  | 'hidden'
> & {
  update_date: string;
  change_date: string | null;
  close_date: string | null;
  assignment_date: string | null;
};

export type ImportRunRow = Row<
  'corporate_registry_import',
  'file_name' | 'file_key' | 'encoding' | 'status'
> & {
  id: string;
  lines_committed: string;
  rows_applied: string;
  rows_skipped: string;
};

const RUN_COLUMNS = `id, file_name, file_key, encoding, status, lines_committed, rows_applied, rows_skipped`;

// Column order of the batch upsert; each travels as one array parameter through unnest, so a
// batch of any size is one statement with a fixed number of parameters.
const UPSERT_COLUMNS: [column: string, type: string, value: (r: RegistryRecord) => unknown][] = [
  ['corporate_number', 'text', (r) => r.corporateNumber],
  ['sequence_number', 'bigint', (r) => r.sequenceNumber],
  ['process', 'text', (r) => r.process],
  ['correct', 'boolean', (r) => r.correct],
  ['update_date', 'date', (r) => r.updateDate],
  ['change_date', 'date', (r) => r.changeDate],
  ['name', 'text', (r) => r.name],
  ['name_kana', 'text', (r) => r.nameKana],
  ['kind', 'text', (r) => r.kind],
  ['prefecture_name', 'text', (r) => r.prefectureName],
  ['city_name', 'text', (r) => r.cityName],
  ['street_number', 'text', (r) => r.streetNumber],
  ['prefecture_code', 'text', (r) => r.prefectureCode],
  ['city_code', 'text', (r) => r.cityCode],
  ['post_code', 'text', (r) => r.postCode],
  ['address_outside', 'text', (r) => r.addressOutside],
  ['close_date', 'date', (r) => r.closeDate],
  ['close_cause', 'text', (r) => r.closeCause],
  ['successor_corporate_number', 'text', (r) => r.successorCorporateNumber],
  ['change_cause', 'text', (r) => r.changeCause],
  ['assignment_date', 'date', (r) => r.assignmentDate],
  ['en_name', 'text', (r) => r.enName],
  ['hidden', 'boolean', (r) => r.hidden],
];

// Counted on the server (RETURNING stays there): rows an older record did not change are not counted.
const UPSERT_SQL = `
  WITH applied AS (
  INSERT INTO corporate_registry (${UPSERT_COLUMNS.map(([c]) => c).join(', ')})
  SELECT * FROM unnest(${UPSERT_COLUMNS.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ')})
  ON CONFLICT (corporate_number) DO UPDATE SET
    ${UPSERT_COLUMNS.slice(1)
      .map(([c]) => `${c} = excluded.${c}`)
      .join(',\n    ')},
    imported_at = now()
  -- An older file applied after a newer one (a difference file replayed late) changes nothing.
  WHERE excluded.update_date >= corporate_registry.update_date
  RETURNING 1)
  SELECT count(*)::int AS applied FROM applied`;

/** The only SQL on `corporate_registry` and `corporate_registry_import`. */
@Injectable()
export class CorporateRegistryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async find(
    corporateNumber: string,
    db: EntityManager = this.dataSource.manager,
  ): Promise<RegistryEntryRow | null> {
    const [row] = await db.query<RegistryEntryRow[]>(
      `SELECT corporate_number, process, name, name_kana, kind, prefecture_name, city_name,
              street_number, prefecture_code, city_code, post_code, address_outside, close_cause,
              successor_corporate_number, hidden,
              to_char(update_date, 'YYYY-MM-DD') AS update_date,
              to_char(change_date, 'YYYY-MM-DD') AS change_date,
              to_char(close_date, 'YYYY-MM-DD') AS close_date,
              to_char(assignment_date, 'YYYY-MM-DD') AS assignment_date
         FROM corporate_registry WHERE corporate_number = $1`,
      [corporateNumber],
    );
    return row ?? null;
  }

  /** Upserts one batch (later records of a number win) and moves the run's resume point with it. */
  async applyBatch(
    runId: string,
    records: RegistryRecord[],
    progress: { linesCommitted: number; skipped: number },
  ): Promise<number> {
    // One statement may not touch a row twice: within a batch the last record of a number wins,
    // as it would had they been applied one by one in file order.
    const latest = new Map<string, RegistryRecord>();
    for (const record of records) {
      latest.delete(record.corporateNumber);
      latest.set(record.corporateNumber, record);
    }
    const rows = [...latest.values()];
    return this.dataSource.transaction(async (db) => {
      const [counted] = await db.query<{ applied: number }[]>(
        UPSERT_SQL,
        UPSERT_COLUMNS.map(([, , value]) => rows.map(value)),
      );
      const applied = counted?.applied ?? 0;
      await db.query(
        `UPDATE corporate_registry_import
            SET lines_committed = $2, rows_applied = rows_applied + $3,
                rows_skipped = rows_skipped + $4, updated_at = now()
          WHERE id = $1`,
        [runId, progress.linesCommitted, applied, progress.skipped],
      );
      return applied;
    });
  }

  async openRun(fileKey: string): Promise<ImportRunRow | null> {
    const [row] = await this.dataSource.query<ImportRunRow[]>(
      `SELECT ${RUN_COLUMNS} FROM corporate_registry_import WHERE file_key = $1 AND status <> 'done'`,
      [fileKey],
    );
    return row ?? null;
  }

  async lastDoneRun(fileKey: string): Promise<ImportRunRow | null> {
    const [row] = await this.dataSource.query<ImportRunRow[]>(
      `SELECT ${RUN_COLUMNS} FROM corporate_registry_import
        WHERE file_key = $1 AND status = 'done' ORDER BY finished_at DESC LIMIT 1`,
      [fileKey],
    );
    return row ?? null;
  }

  async startRun(fileName: string, fileKey: string, encoding: string): Promise<ImportRunRow> {
    const [row] = await this.dataSource.query<ImportRunRow[]>(
      `INSERT INTO corporate_registry_import (file_name, file_key, encoding)
       VALUES ($1, $2, $3) RETURNING ${RUN_COLUMNS}`,
      [fileName, fileKey, encoding],
    );
    if (!row) {
      throw new Error('INSERT … RETURNING gave no row');
    }
    return row;
  }

  async resumeRun(runId: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE corporate_registry_import SET status = 'running', updated_at = now() WHERE id = $1`,
      [runId],
    );
  }

  async endRun(runId: string, status: 'done' | 'interrupted'): Promise<void> {
    await this.dataSource.query(
      `UPDATE corporate_registry_import
          SET status = $2, updated_at = now(),
              finished_at = CASE WHEN $2 = 'done' THEN now() END
        WHERE id = $1`,
      [runId, status],
    );
  }
}

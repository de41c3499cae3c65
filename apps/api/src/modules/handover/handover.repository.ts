import type { ClientBase } from 'pg';
import QueryStream from 'pg-query-stream';

export interface TableColumn {
  name: string;
  /** PostgreSQL's type name as format_type prints it, e.g. `timestamp with time zone`, `text[]`. */
  type: string;
  /** Set for bytea: the archive carries the bytes as base64 text. */
  encoding?: 'base64';
}

export interface ForeignKey {
  name: string;
  table: string;
  references: string;
  definition: string;
}

export interface SecondaryIndex {
  name: string;
  definition: string;
}

export interface IdentitySequence {
  table: string;
  column: string;
  sequence: string;
  lastValue: string;
  isCalled: boolean;
}

const quote = (identifier: string): string => `"${identifier.replace(/"/g, '""')}"`;

/**
 * The SQL of the hand-over: it reads the schema from the catalog rather than naming columns, so a
 * migration that adds a column changes the archive without a change here. It works on one
 * connection (a pg client) so that the export reads one snapshot and the import is one transaction.
 */
export class HandoverRepository {
  constructor(private readonly client: ClientBase) {}

  async liveTables(): Promise<string[]> {
    const { rows } = await this.client.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_class c
        WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') ORDER BY 1`,
    );
    return rows.map((r) => r.name);
  }

  async schemaVersion(): Promise<string> {
    const { rows } = await this.client.query<{ name: string }>(
      `SELECT name FROM schema_migration ORDER BY timestamp DESC LIMIT 1`,
    );
    return rows[0]?.name ?? '';
  }

  async appliedMigrations(): Promise<string[]> {
    const { rows } = await this.client.query<{ name: string }>(`SELECT name FROM schema_migration`);
    return rows.map((r) => r.name);
  }

  /** Stored columns in table order; generated columns are left out (the target computes them). */
  async columns(table: string): Promise<TableColumn[]> {
    const { rows } = await this.client.query<{ name: string; type: string }>(
      `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type
         FROM pg_attribute a
        WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
        ORDER BY a.attnum`,
      [quote(table)],
    );
    return rows.map((r) => (r.type === 'bytea' ? { ...r, encoding: 'base64' as const } : r));
  }

  async primaryKey(table: string): Promise<string[]> {
    const { rows } = await this.client.query<{ name: string }>(
      `SELECT a.attname AS name
         FROM pg_constraint k
         JOIN LATERAL unnest(k.conkey) WITH ORDINALITY AS u(attnum, ord) ON true
         JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.attnum
        WHERE k.conrelid = $1::regclass AND k.contype = 'p'
        ORDER BY u.ord`,
      [quote(table)],
    );
    return rows.map((r) => r.name);
  }

  async foreignKeys(): Promise<ForeignKey[]> {
    const { rows } = await this.client.query<ForeignKey>(
      `SELECT k.conname AS name, t.relname AS table, r.relname AS references,
              pg_get_constraintdef(k.oid) AS definition
         FROM pg_constraint k
         JOIN pg_class t ON t.oid = k.conrelid
         JOIN pg_class r ON r.oid = k.confrelid
        WHERE k.contype = 'f' AND t.relnamespace = 'public'::regnamespace
        ORDER BY t.relname, k.conname`,
    );
    return rows;
  }

  async identitySequences(tables: readonly string[]): Promise<IdentitySequence[]> {
    const found = await this.client.query<{ table: string; column: string; sequence: string }>(
      `SELECT c.relname AS table, a.attname AS column,
              pg_get_serial_sequence(quote_ident(c.relname), a.attname) AS sequence
         FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
        WHERE c.relnamespace = 'public'::regnamespace AND c.relname = ANY($1)
          AND a.attnum > 0 AND NOT a.attisdropped
          AND (a.attidentity <> '' OR pg_get_serial_sequence(quote_ident(c.relname), a.attname) IS NOT NULL)
        ORDER BY 1, 2`,
      [tables],
    );
    const sequences: IdentitySequence[] = [];
    for (const s of found.rows) {
      const { rows } = await this.client.query<{ last_value: string; is_called: boolean }>(
        `SELECT last_value::text, is_called FROM ${s.sequence}`,
      );
      sequences.push({ ...s, lastValue: rows[0]!.last_value, isCalled: rows[0]!.is_called });
    }
    return sequences;
  }

  /**
   * The table's rows as JSON text, one per row, in primary-key order (all columns when there is
   * none), through a cursor: memory holds one batch at a time whatever the table's size.
   */
  streamRows(
    table: string,
    columns: readonly TableColumn[],
    order: readonly string[],
    nullColumns: ReadonlySet<string>,
  ): QueryStream {
    const select = columns
      .map((c) =>
        nullColumns.has(c.name)
          ? `NULL::${c.type} AS ${quote(c.name)}`
          : c.encoding === 'base64'
            ? `translate(encode(${quote(c.name)}, 'base64'), E'\\n', '') AS ${quote(c.name)}`
            : quote(c.name),
      )
      .join(', ');
    const orderBy = (order.length ? order : columns.map((c) => c.name)).map(quote).join(', ');
    return this.client.query(
      new QueryStream(
        `SELECT row_to_json(r)::text AS line FROM (SELECT ${select} FROM ${quote(table)} ORDER BY ${orderBy}) r`,
        [],
        { batchSize: 1000 },
      ),
    );
  }

  /** Starts the read-only snapshot every table of one export is read from. */
  async beginSnapshot(): Promise<void> {
    await this.client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    await this.fixOutputFormats();
  }

  /** The text forms row_to_json writes must not depend on the server's or the session's settings. */
  private async fixOutputFormats(): Promise<void> {
    await this.client.query(`SET LOCAL TimeZone = 'UTC'`);
    await this.client.query(`SET LOCAL DateStyle = 'ISO, YMD'`);
    await this.client.query(`SET LOCAL IntervalStyle = 'postgres'`);
    await this.client.query(`SET LOCAL extra_float_digits = 1`);
    await this.client.query(`SET LOCAL statement_timeout = 0`);
  }

  async beginImport(): Promise<void> {
    await this.client.query('BEGIN');
    await this.fixOutputFormats();
  }

  async commit(): Promise<void> {
    await this.client.query('COMMIT');
  }

  async rollback(): Promise<void> {
    await this.client.query('ROLLBACK');
  }

  async rowCount(table: string): Promise<number> {
    const { rows } = await this.client.query<{ n: string }>(
      `SELECT count(*) AS n FROM ${quote(table)}`,
    );
    return Number(rows[0]!.n);
  }

  async hasRows(table: string): Promise<boolean> {
    const { rows } = await this.client.query(`SELECT 1 FROM ${quote(table)} LIMIT 1`);
    return rows.length > 0;
  }

  /** Planner estimate, for the progress bar only. */
  async estimatedRows(table: string): Promise<number> {
    const { rows } = await this.client.query<{ n: number }>(
      `SELECT greatest(reltuples, 0)::float8 AS n FROM pg_class WHERE oid = $1::regclass`,
      [quote(table)],
    );
    return Math.round(rows[0]?.n ?? 0);
  }

  async clear(table: string): Promise<void> {
    await this.client.query(`DELETE FROM ${quote(table)}`);
  }

  async dropForeignKey(fk: ForeignKey): Promise<void> {
    await this.client.query(`ALTER TABLE ${quote(fk.table)} DROP CONSTRAINT ${quote(fk.name)}`);
  }

  /** Re-adding a constraint checks every row against it once, as pg_restore does. */
  async addForeignKey(fk: ForeignKey): Promise<void> {
    await this.client.query(
      `ALTER TABLE ${quote(fk.table)} ADD CONSTRAINT ${quote(fk.name)} ${fk.definition}`,
    );
  }

  /**
   * Indexes of these tables that back no constraint (search GIN indexes, queue indexes): dropped
   * for a bulk load and built once afterwards, which is far cheaper than maintaining them per row.
   */
  async secondaryIndexes(tables: readonly string[]): Promise<SecondaryIndex[]> {
    const { rows } = await this.client.query<SecondaryIndex>(
      `SELECT i.relname AS name, pg_get_indexdef(x.indexrelid) AS definition
         FROM pg_index x
         JOIN pg_class i ON i.oid = x.indexrelid
         JOIN pg_class t ON t.oid = x.indrelid
        WHERE t.relnamespace = 'public'::regnamespace AND t.relname = ANY($1)
          AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid)
        ORDER BY t.relname, i.relname`,
      [tables],
    );
    return rows;
  }

  async dropIndex(index: SecondaryIndex): Promise<void> {
    await this.client.query(`DROP INDEX ${quote(index.name)}`);
  }

  async createIndex(index: SecondaryIndex): Promise<void> {
    await this.client.query(index.definition);
  }

  async setUserTriggers(table: string, enabled: boolean): Promise<void> {
    await this.client.query(
      `ALTER TABLE ${quote(table)} ${enabled ? 'ENABLE' : 'DISABLE'} TRIGGER USER`,
    );
  }

  /**
   * Inserts a batch of rows given as one JSON array text. Columns absent from the archive take
   * their defaults; identity values are the archive's own (OVERRIDING SYSTEM VALUE).
   */
  async insertBatch(
    table: string,
    columns: readonly TableColumn[],
    rowsJson: string,
  ): Promise<number> {
    const names = columns.map((c) => quote(c.name)).join(', ');
    const values = columns
      .map((c) =>
        c.encoding === 'base64'
          ? `decode(j.value ->> '${c.name}', 'base64')`
          : `r.${quote(c.name)}`,
      )
      .join(', ');
    const result = await this.client.query(
      `INSERT INTO ${quote(table)} (${names}) OVERRIDING SYSTEM VALUE
       SELECT ${values} FROM jsonb_array_elements($1::jsonb) AS j
       CROSS JOIN LATERAL jsonb_populate_record(NULL::${quote(table)}, j.value) AS r`,
      [rowsJson],
    );
    return result.rowCount ?? 0;
  }

  /** Never below the highest value loaded, even if the archive's figure is older. */
  async restoreSequence(sequence: IdentitySequence): Promise<void> {
    await this.client.query(
      `SELECT setval($1::regclass,
                     greatest($2::bigint, coalesce((SELECT max(${quote(sequence.column)}) FROM ${quote(sequence.table)}), 0), 1),
                     $3)`,
      [sequence.sequence, sequence.lastValue, sequence.isCalled],
    );
  }

  async hasFunction(name: string): Promise<boolean> {
    const { rows } = await this.client.query(
      `SELECT 1 FROM pg_proc WHERE proname = $1 AND pronamespace = 'public'::regnamespace`,
      [name],
    );
    return rows.length > 0;
  }

  async useBulkMemory(): Promise<void> {
    await this.client.query(`SET LOCAL maintenance_work_mem = '256MB'`);
    await this.client.query(`SET LOCAL work_mem = '256MB'`);
  }

  async rebuildReportRollups(): Promise<void> {
    await this.client.query(`SELECT report_rollup_rebuild()`);
  }
}

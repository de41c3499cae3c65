import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The National Tax Agency's corporate-number data (法人番号公表サイト), one row per number as its
 * latest published record, and the import runs that load it resumably. Reference data owned by
 * the `corporate-registry` module; organizations are compared with it on read.
 */
export class CorporateRegistry1797570000000 implements MigrationInterface {
  name = 'CorporateRegistry1797570000000';

  async up(db: QueryRunner): Promise<void> {
    // Text codes as published (process '01', kind '301', post code '1000013'): they are
    // identifiers, not numbers, and leading zeros matter.
    await db.query(`
      CREATE TABLE corporate_registry (
        corporate_number char(13) PRIMARY KEY CHECK (corporate_number ~ '^[0-9]{13}$'),
        sequence_number bigint NOT NULL,
        process char(2) NOT NULL,
        correct boolean NOT NULL,
        update_date date NOT NULL,
        change_date date,
        name text NOT NULL,
        name_kana text,
        kind char(3),
        prefecture_name text,
        city_name text,
        street_number text,
        prefecture_code char(2),
        city_code char(3),
        post_code char(7),
        address_outside text,
        close_date date,
        close_cause char(2),
        successor_corporate_number char(13),
        change_cause text,
        assignment_date date,
        en_name text,
        hidden boolean NOT NULL DEFAULT false,
        imported_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE corporate_registry_import (
        id bigserial PRIMARY KEY,
        file_name text NOT NULL,
        file_key text NOT NULL,
        encoding text NOT NULL CHECK (encoding IN ('sjis', 'utf8')),
        status text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'interrupted', 'done')),
        lines_committed bigint NOT NULL DEFAULT 0,
        rows_applied bigint NOT NULL DEFAULT 0,
        rows_skipped bigint NOT NULL DEFAULT 0,
        started_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      )`);
    // One unfinished run per file: a second start of the same file continues it.
    await db.query(
      `CREATE UNIQUE INDEX corporate_registry_import_open ON corporate_registry_import (file_key) WHERE status <> 'done'`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE corporate_registry_import`);
    await db.query(`DROP TABLE corporate_registry`);
  }
}

import { escapeIdentifier } from 'pg';

/** Anything with `query`: a TypeORM QueryRunner or EntityManager, or a pg Client. */
interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/** The schemas the API reads and writes: its own, and pg-boss's job queue. */
export const APP_SCHEMAS = ['public', 'pgboss'] as const;

/**
 * Tables the runtime role may only add to and read: the audit trail and the case timeline. Their
 * triggers already refuse changes, but a table's owner could disable them; the runtime role is
 * not the owner and, without these privileges, is refused before any trigger runs.
 */
export const APPEND_ONLY_TABLES = ['audit_event', 'case_event'] as const;

/** Read only: the runtime role checks that nothing is pending but never records a migration. */
export const READ_ONLY_TABLES = ['schema_migration'] as const;

/**
 * Makes `role` able to do what the API does at run time and nothing more, as the owner, after
 * migrating: DML on every table (INSERT and SELECT only on the append-only ones), sequences,
 * functions, and the same by default for whatever later migrations create. Idempotent, so the
 * migrator runs it after every migration run and new tables are never forgotten.
 */
export async function grantRuntimeRole(db: Queryable, role: string): Promise<void> {
  const rows = (await db.query(
    `SELECT r.rolsuper AS superuser, r.rolname = current_user AS itself,
            (SELECT count(*)::int FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
              WHERE c.relowner = r.oid AND n.nspname = ANY($2)) AS owned
       FROM pg_roles r WHERE r.rolname = $1`,
    [role, APP_SCHEMAS],
  )) as { superuser: boolean; itself: boolean; owned: number }[];
  const found = rows[0];
  if (!found) {
    throw new Error(
      `The runtime role "${role}" does not exist: create it first (CREATE ROLE ${role} LOGIN PASSWORD '…').`,
    );
  }
  if (found.itself) {
    return;
  }
  if (found.superuser) {
    throw new Error(
      `The runtime role "${role}" is a superuser, so no privilege can be withheld from it: serve with a plain role.`,
    );
  }
  if (found.owned > 0) {
    throw new Error(
      `The runtime role "${role}" owns ${found.owned} of the schema's objects: as a superuser, run ` +
        `REASSIGN OWNED BY ${role} TO <owner> in this database, then migrate again.`,
    );
  }
  const r = escapeIdentifier(role);
  const schemas = APP_SCHEMAS.map(escapeIdentifier).join(', ');
  const [{ database }] = (await db.query(`SELECT current_database() AS database`)) as [
    { database: string },
  ];
  const statements = [
    `GRANT CONNECT ON DATABASE ${escapeIdentifier(database)} TO ${r}`,
    // PostgreSQL 15's default; a database first made by an older one (or restored from its dump)
    // still lets every role create tables in public.
    `REVOKE CREATE ON SCHEMA public FROM PUBLIC`,
    `GRANT USAGE ON SCHEMA ${schemas} TO ${r}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${schemas} TO ${r}`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${schemas} TO ${r}`,
    `GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ${schemas} TO ${r}`,
    // Tables the owner creates later are usable at once, even before the next grant run.
    `ALTER DEFAULT PRIVILEGES IN SCHEMA ${schemas} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${r}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA ${schemas} GRANT USAGE, SELECT ON SEQUENCES TO ${r}`,
    ...APPEND_ONLY_TABLES.map(
      (t) => `REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON ${t} FROM ${r}`,
    ),
    ...READ_ONLY_TABLES.map(
      (t) => `REVOKE INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON ${t} FROM ${r}`,
    ),
    // pg-boss makes a partition table per queue when the app first creates it, DDL that needs
    // the owner of pgboss.job: its create_queue runs as the owner, fixed to a safe search_path
    // (its body names every table by schema). It only ever adds a queue's table.
    `ALTER FUNCTION pgboss.create_queue(text, json) SECURITY DEFINER SET search_path = pg_catalog, pg_temp`,
    `REVOKE EXECUTE ON FUNCTION pgboss.create_queue(text, json), pgboss.delete_queue(text) FROM PUBLIC`,
    `REVOKE EXECUTE ON FUNCTION pgboss.delete_queue(text) FROM ${r}`,
    `GRANT EXECUTE ON FUNCTION pgboss.create_queue(text, json) TO ${r}`,
  ];
  for (const sql of statements) {
    await db.query(sql);
  }
}

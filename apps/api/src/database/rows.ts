import type { Selectable } from 'kysely';
import type { DB } from './schema.generated';

/**
 * A row as `pg` returns it from `table`, typed from the migrated schema (see
 * schema.generated.ts), optionally narrowed to the columns a statement selects:
 * `Row<'organization', 'id' | 'name'>`. Repositories declare their results with it instead of
 * hand-written interfaces, so a renamed or retyped column fails `tsc`.
 */
export type Row<
  T extends keyof DB,
  K extends keyof Selectable<DB[T]> = keyof Selectable<DB[T]>,
> = Pick<Selectable<DB[T]>, K>;

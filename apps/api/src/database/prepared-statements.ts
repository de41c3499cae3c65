import { createHash } from 'node:crypto';

/**
 * Statements PostgreSQL keeps parsed per connection, by name, instead of parsing and planning
 * them again for every call.
 *
 * pg sends every other statement unnamed, and PostgreSQL parses, analyses and plans an unnamed
 * statement each time. For the intake's and the case page's statements that was about a fifth of
 * PostgreSQL's CPU per intake: 1.8 ms of planning alone at 1,000,000 cases, e.g. 1.3 ms to plan
 * the duplicate check that took 0.3 ms to run (docs/benchmarks.md, stop 36). A named
 * statement is parsed once per connection, and after five calls PostgreSQL keeps one generic plan
 * when it costs no more than the plans made for the values given; where it costs more, it goes on
 * planning for each call, as before, and only the parsing is saved.
 *
 * Only texts of a bounded set are registered, so each connection holds a bounded number: fixed
 * ones, and those of a builder with few shapes (the duplicate check, a scope per role). The case
 * list and the searches stay unnamed: their variants are many, and a plan made for one filter's
 * or word's values can be wrong for another's.
 *
 * Several registered texts answer `*` (the case, a contact). PostgreSQL refuses a prepared
 * statement whose result columns changed under it ("cached plan must not change result type",
 * after a migration run by another instance); GuardedClient then names every statement of the
 * process afresh, so the refusal costs the requests running at that moment, answered 503.
 */
const names = new Map<string, string>();

/** Registers `text` as a named statement and returns it unchanged, for use as a constant. */
export function prepared(text: string): string {
  if (!names.has(text)) {
    // From the text, so the same statement has the same name in every process (pg_stat_activity,
    // logs), and two modules registering one text share it.
    names.set(text, `md_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`);
  }
  return text;
}

/** The statement's name when `text` was registered, else undefined. */
export function preparedName(text: string): string | undefined {
  return names.get(text);
}

type Statements = Record<string, string | ((...args: never[]) => string)>;

/**
 * Registers every text of a statement table (CASE_SQL, ORGANIZATION_SQL, …) but those named in
 * `except`; a member built from arguments registers each text it builds, which are few (one per
 * role's scope). Leave out a search whose best plan depends on the words searched for.
 */
export function preparedAll<T extends Statements>(
  statements: T,
  except: readonly (keyof T)[] = [],
): T {
  const register = (statement: T[keyof T]) =>
    typeof statement === 'string'
      ? prepared(statement)
      : (...args: never[]) => prepared(statement(...args));
  return Object.fromEntries(
    Object.entries(statements).map(([key, statement]) => [
      key,
      except.includes(key) ? statement : register(statement as T[keyof T]),
    ]),
  ) as T;
}

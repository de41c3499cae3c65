import { Client, type ClientConfig, type QueryResult } from 'pg';
import { preparedName } from './prepared-statements';

export interface GuardedClientConfig extends ClientConfig {
  /**
   * Send the statements registered with `prepared()` as named statements (the default). Off for
   * a connection pooler that hands one session's statements to several server connections
   * (PgBouncer's transaction mode before 1.21).
   */
  preparedStatements?: boolean;
}

/** "cached plan must not change result type": a prepared statement's columns changed under it. */
const CACHED_PLAN_CHANGED = '0A000';

// Part of every statement name: raised when PostgreSQL refused a prepared statement because its
// columns changed, so that every connection of this process parses its statements afresh under
// new names rather than each failing once more with the old ones.
let generation = 0;

/**
 * The pg client behind TypeORM's pool, with three changes to how pg behaves.
 *
 * It always has an 'error' listener. pg-pool hands a client out without its idle listener and
 * the borrower (TypeORM's query runner) adds its own a few ticks later; when the server shuts
 * down right after a connection opened, PostgreSQL's FATAL can arrive in that gap, and an
 * 'error' event with no listener ends the process (seen in the deployment tier while the primary
 * restarted under load). The error still fails the client's queries and marks it broken, so the
 * pool drops it; only the crash is prevented.
 *
 * And a query asked for as a promise (how TypeORM asks) runs through pg's callback form. pg's own
 * promise form kept every result alive through two young-generation collections: about 22 KB
 * promoted per 50-row query and collections of ~10 ms instead of ~0.5, in a bare script as in the
 * API (docs/benchmarks.md, stop 33). The callback form, wrapped here, promotes 0.3 KB.
 *
 * Such a query whose text was registered with `prepared()` goes as a named statement, parsed once
 * per connection (see prepared-statements.ts).
 */
export class GuardedClient extends Client {
  private readonly namedStatements: boolean;

  constructor(config?: string | GuardedClientConfig) {
    super(config);
    this.namedStatements = typeof config === 'string' || config?.preparedStatements !== false;
    this.on('error', () => undefined);
  }

  // One signature for all of pg's overloads: only a text with optional values is adapted, asked
  // for as a promise (TypeORM) or with a callback (pg-pool's own query).
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- pg's overloads return any of several types
  override query(...args: unknown[]): any {
    const [text, values, callback] = args;
    const plain = typeof text === 'string' && (values === undefined || Array.isArray(values));
    const name = plain && this.namedStatements ? preparedName(text) : undefined;
    const promised = plain && args.length <= 2;
    const namedCallback = !!name && args.length === 3 && typeof callback === 'function';
    if (!promised && !namedCallback) {
      return (super.query as (...rest: unknown[]) => unknown)(...args);
    }
    const statement = name ? { name: `${name}_${generation}`, text } : text;
    const run = (done: (error: Error | null, result: QueryResult) => void) =>
      super.query(
        statement as string,
        (values as unknown[] | undefined) ?? [],
        (error: Error | null, result: QueryResult) => {
          if (error && name && (error as { code?: unknown }).code === CACHED_PLAN_CHANGED) {
            generation += 1;
          }
          done(error, result);
        },
      );
    if (!promised) {
      return run(callback as (error: Error | null, result: QueryResult) => void);
    }
    return new Promise<QueryResult>((resolve, reject) =>
      run((error, result) => {
        if (error) {
          // As pg does: a stack that leads back here rather than to the socket's read.
          Error.captureStackTrace(error);
          reject(error);
        } else {
          resolve(result);
        }
      }),
    );
  }
}

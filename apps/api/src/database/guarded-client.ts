import { Client, type ClientConfig } from 'pg';

/**
 * A pg client that always has an 'error' listener. pg-pool hands a client out without its idle
 * listener and the borrower (TypeORM's query runner) adds its own a few ticks later; when the
 * server shuts down right after a connection opened, PostgreSQL's FATAL can arrive in that gap,
 * and an 'error' event with no listener ends the process (seen in the deployment tier while the
 * primary restarted under load). The error still fails the client's queries and marks it broken,
 * so the pool drops it; only the crash is prevented.
 */
export class GuardedClient extends Client {
  constructor(config?: string | ClientConfig) {
    super(config);
    this.on('error', () => undefined);
  }
}

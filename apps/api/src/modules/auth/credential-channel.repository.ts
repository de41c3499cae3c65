import { Client } from 'pg';

export const CREDENTIALS_CHANNEL = 'madoguchi_credentials';
export const LISTENER_APPLICATION_NAME = 'madoguchi-credentials';

/**
 * The connection that listens on `madoguchi_credentials` (migration
 * CredentialChangeNotifications): a `pg` client of its own, not the pool's, since a LISTEN belongs
 * to one session for its whole life.
 */
export class CredentialChannel {
  private readonly client: Client;

  constructor(
    connection: { databaseUrl: string; connectTimeoutMs: number },
    handlers: { notification: (payload: string) => void; end: () => void },
  ) {
    this.client = new Client({
      connectionString: connection.databaseUrl,
      application_name: LISTENER_APPLICATION_NAME,
      connectionTimeoutMillis: connection.connectTimeoutMs,
      keepAlive: true,
    });
    // Any error ends the connection; 'end' follows, and the owner decides what next.
    this.client.on('error', () => undefined);
    this.client.on('end', handlers.end);
    this.client.on('notification', (message) => handlers.notification(message.payload ?? ''));
  }

  /** The server process, once connected. */
  get backendPid(): number | null {
    return (this.client as { processID?: number | null }).processID ?? null;
  }

  async listen(): Promise<void> {
    await this.client.connect();
    await this.client.query(`LISTEN ${CREDENTIALS_CHANNEL}`);
  }

  async notify(payload: string): Promise<void> {
    await this.client.query(`SELECT pg_notify($1, $2)`, [CREDENTIALS_CHANNEL, payload]);
  }

  async end(): Promise<void> {
    await this.client.end().catch(() => undefined);
  }
}

import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { CredentialCache } from '../../common/auth/credential-cache';
import { SETTINGS, type Settings } from '../../config/settings';
import { CredentialChannel } from './credential-channel.repository';

// A connection that died without a word (a dropped route, a frozen server) delivers no
// notifications either: a probe every few seconds bounds how long the cache trusts it.
const HEARTBEAT_MS = 5_000;
const HEARTBEAT_TIMEOUT_MS = 3_000;
const RETRY_MIN_MS = 250;
// The listeners' own probes share the channel; the triggers' notifications carry no payload.
const PROBE_PREFIX = 'probe:';
const RETRY_MAX_MS = 10_000;

/**
 * Keeps one connection that LISTENs for changes to sign-ins (migration
 * CredentialChangeNotifications) and empties the credential cache on each. The cache is on only
 * while this connection hears its own probe notification every few seconds; when it does not,
 * the cache is emptied and off, and the listener reconnects with a growing pause.
 */
@Injectable()
export class CredentialListenerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(CredentialListenerService.name);
  private client: CredentialChannel | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private retry: NodeJS.Timeout | null = null;
  private retryMs = RETRY_MIN_MS;
  private stopped = false;
  private lost = false;
  private probes = 0;
  private awaitedProbe: { payload: string; resolve: () => void } | null = null;

  constructor(
    private readonly cache: CredentialCache,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {}

  /** The listening connection's server process, while it is listening (tests, diagnostics). */
  get backendPid(): number | null {
    return this.cache.active ? (this.client?.backendPid ?? null) : null;
  }

  onApplicationBootstrap(): void {
    void this.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.retry) {
      clearTimeout(this.retry);
    }
    await this.drop();
  }

  private async connect(): Promise<void> {
    this.retry = null;
    const client: CredentialChannel = new CredentialChannel(
      {
        databaseUrl: this.settings.databaseUrl,
        connectTimeoutMs: this.settings.pool.connectTimeoutMs,
      },
      { notification: (payload) => this.heard(payload), end: () => this.onLost(client) },
    );
    this.client = client;
    try {
      await client.listen();
      await this.probe(client);
    } catch (error) {
      this.onLost(client, error);
      return;
    }
    if (this.stopped || this.client !== client) {
      await client.end();
      return;
    }
    this.cache.setListening(true);
    this.retryMs = RETRY_MIN_MS;
    if (this.lost) {
      this.lost = false;
      this.logger.log('listening for sign-in changes again; the credential cache is back on');
    }
    this.heartbeat = setInterval(() => void this.beat(client), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  private async beat(client: CredentialChannel): Promise<void> {
    try {
      await this.probe(client);
    } catch (error) {
      this.onLost(client, error);
    }
  }

  /**
   * Sends a notification of its own and waits to hear it back: proof that the whole path works,
   * not just the socket. Behind a transaction-mode pooler the LISTEN and the NOTIFY land on
   * different server sessions, the probe is never heard, and the cache stays off.
   */
  private async probe(client: CredentialChannel): Promise<void> {
    this.probes += 1;
    const payload = `${PROBE_PREFIX}${process.pid}:${this.probes}:${Math.random()}`;
    let timer: NodeJS.Timeout | undefined;
    try {
      await new Promise<void>((resolve, reject) => {
        this.awaitedProbe = { payload, resolve };
        timer = setTimeout(
          () => reject(new Error('a notification sent was not heard back')),
          HEARTBEAT_TIMEOUT_MS,
        );
        client.notify(payload).catch(reject);
      });
    } finally {
      clearTimeout(timer);
      this.awaitedProbe = null;
    }
  }

  private heard(payload: string): void {
    if (!payload.startsWith(PROBE_PREFIX)) {
      this.cache.clear();
    } else if (payload === this.awaitedProbe?.payload) {
      this.awaitedProbe.resolve();
    }
    // Another instance's probe: nothing changed.
  }

  private onLost(client: CredentialChannel, error?: unknown): void {
    if (this.client !== client) {
      return;
    }
    this.cache.setListening(false);
    this.client = null;
    if (this.heartbeat) {
      clearInterval(this.heartbeat);
      this.heartbeat = null;
    }
    // Ends the connection if it is half alive (a heartbeat that timed out); no-op if it is gone.
    void client.end();
    if (this.stopped) {
      return;
    }
    if (!this.lost) {
      this.lost = true;
      this.logger.warn(
        `not listening for sign-in changes (${error instanceof Error ? error.message : 'connection ended'}); ` +
          'every request reads its sign-in until the listener is back',
      );
    }
    this.retry = setTimeout(() => void this.connect(), this.retryMs);
    this.retry.unref();
    this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
  }

  private async drop(): Promise<void> {
    const client = this.client;
    this.client = null;
    this.cache.setListening(false);
    if (this.heartbeat) {
      clearInterval(this.heartbeat);
      this.heartbeat = null;
    }
    await client?.end();
  }
}

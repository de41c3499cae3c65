import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ImapFlow } from 'imapflow';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { DataSource } from 'typeorm';
import type { ActorContext } from '../../common/auth/actor-context';
import { decryptSecret } from '../../common/auth/secrets';
import { SETTINGS, type Settings } from '../../config/settings';
import { MailIngestService } from './mail-ingest.service';
import { type MailboxRow, MailRepository } from './mail.repository';

/** Points where a test makes the poller fail as a crash would: after the fetch, after the commit. */
export interface PollFaults {
  afterFetch?: (mailboxId: string, uid: number) => void;
  afterCommit?: (mailboxId: string, uid: number) => void;
}

const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message || error.name : String(error);

/**
 * Polls each mailbox's IMAP INBOX and files its unseen messages through the same pipeline as the
 * MTA ingest. An instance polls a mailbox only while it holds the mailbox's lease in PostgreSQL
 * (renewed on every round), so however many instances run, each message is fetched by one. A
 * message is flagged \Seen only after its case is committed: a crash in between leaves it unseen,
 * it is fetched again, and the mailbox's Message-ID uniqueness makes the second filing `ignored`.
 * The connection IDLEs where the server offers it (imapflow falls back to NOOP), and the inbox
 * is also searched every MAIL_POLL_SECONDS whatever the server says.
 */
@Injectable()
export class MailPollerService implements OnApplicationShutdown {
  private readonly logger = new Logger(MailPollerService.name);
  /** This instance, as named in the lease: unique even for two apps in one process. */
  readonly holder = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly workers = new Map<string, Promise<void>>();
  private readonly stop = new AbortController();
  /** Messages this instance fetched from an IMAP server (each once, whatever their fate). */
  fetched = 0;
  readonly faults: PollFaults = {};

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SETTINGS) private readonly settings: Settings,
    private readonly repository: MailRepository,
    private readonly ingestion: MailIngestService,
  ) {}

  /**
   * Starts polling every IMAP mailbox whose lease this instance can take (the jobs module calls
   * this every minute, so a mailbox whose instance died is taken over once its lease expires).
   * Returns how many mailboxes this instance polls.
   */
  async run(): Promise<number> {
    if (this.stop.signal.aborted) {
      return 0;
    }
    const db = this.dataSource.manager;
    for (const id of await this.repository.pollableMailboxIds(db)) {
      if (this.workers.has(id) || !(await this.lease(id))) {
        continue;
      }
      const worker = this.work(id)
        .catch((error: unknown) =>
          this.logger.error(`mail polling for ${id} stopped: ${messageOf(error)}`),
        )
        .finally(() => this.workers.delete(id));
      this.workers.set(id, worker);
    }
    return this.workers.size;
  }

  async onApplicationShutdown(): Promise<void> {
    this.stop.abort();
    await Promise.allSettled([...this.workers.values()]);
  }

  private lease(mailboxId: string): Promise<boolean> {
    return this.repository.takePollLease(
      this.dataSource.manager,
      mailboxId,
      this.holder,
      this.settings.mail.pollLeaseSeconds,
    );
  }

  /** One mailbox, while this instance holds its lease: connect, drain, wait; reconnect on error. */
  private async work(mailboxId: string): Promise<void> {
    const db = this.dataSource.manager;
    let failures = 0;
    try {
      while (!this.stop.signal.aborted && (await this.lease(mailboxId))) {
        const mailbox = await this.repository.findMailbox(db, mailboxId);
        if (!mailbox?.active || !mailbox.imap_host) {
          return;
        }
        try {
          await this.session(mailbox);
          failures = 0;
        } catch (error) {
          failures += 1;
          const message = messageOf(error);
          this.logger.warn(`IMAP ${mailbox.imap_host} for mailbox ${mailboxId}: ${message}`);
          await this.repository.recordPollError(db, mailboxId, message).catch(() => undefined);
          // Back off, but never longer than a poll: the server coming back is noticed soon.
          await this.sleep(Math.min(this.settings.mail.pollSeconds, 2 ** failures) * 1000);
        }
      }
    } finally {
      // Stopping, or the mailbox switched off: another instance need not wait for the expiry.
      await this.repository.releasePollLease(db, mailboxId, this.holder).catch(() => undefined);
    }
  }

  /** One IMAP connection; returns when stopping or the lease is lost, throws when it fails. */
  private async session(mailbox: MailboxRow): Promise<void> {
    const pollMs = this.settings.mail.pollSeconds * 1000;
    const client = new ImapFlow({
      host: mailbox.imap_host!,
      port: mailbox.imap_port ?? (mailbox.imap_tls ? 993 : 143),
      secure: mailbox.imap_tls,
      auth: {
        user: mailbox.imap_user ?? mailbox.address,
        pass: mailbox.imap_password_sealed
          ? decryptSecret(mailbox.imap_password_sealed, this.settings.appSecret)
          : '',
      },
      logger: false,
      // IDLE is restarted at least this often; servers without IDLE get a NOOP instead.
      maxIdleTime: pollMs,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
    });
    let wake: () => void = () => undefined;
    let closed = false;
    let newMail = true;
    client.on('exists', () => {
      newMail = true;
      wake();
    });
    client.on('close', () => {
      closed = true;
      wake();
    });
    // Errors also close the connection; the loop below notices and throws.
    client.on('error', () => undefined);
    const onStop = (): void => wake();
    this.stop.signal.addEventListener('abort', onStop);
    try {
      await client.connect();
      await client.mailboxOpen('INBOX');
      let lastSearch = 0;
      for (;;) {
        if (this.stop.signal.aborted) {
          return;
        }
        if (closed) {
          throw new Error('The IMAP connection was closed.');
        }
        if (!(await this.lease(mailbox.id))) {
          return;
        }
        // Switched off or changed (a new password, another server): reconnect with what it is now.
        const current = await this.repository.findMailbox(this.dataSource.manager, mailbox.id);
        if (!current?.active || current.version !== mailbox.version) {
          return;
        }
        if (newMail || Date.now() - lastSearch >= pollMs) {
          newMail = false;
          lastSearch = Date.now();
          await this.drain(client, mailbox);
        }
        await this.repository.recordPoll(this.dataSource.manager, mailbox.id);
        await new Promise<void>((resolve) => {
          // New mail announced while the drain ran is not waited for.
          if (newMail || closed || this.stop.signal.aborted) {
            resolve();
            return;
          }
          const timer = setTimeout(resolve, pollMs);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    } finally {
      this.stop.signal.removeEventListener('abort', onStop);
      if (!closed) {
        await client.logout().catch(() => client.close());
      }
    }
  }

  /** Files every unseen message, then flags it \Seen: in that order, so nothing is lost. */
  private async drain(client: ImapFlow, mailbox: MailboxRow): Promise<void> {
    const uids = (await client.search({ seen: false }, { uid: true })) || [];
    const renewEveryMs = (this.settings.mail.pollLeaseSeconds * 1000) / 3;
    let renewedAt = Date.now();
    for (const uid of uids) {
      if (this.stop.signal.aborted) {
        return;
      }
      // A long backlog must not outlive the lease, or a second instance would start on it.
      if (Date.now() - renewedAt > renewEveryMs) {
        if (!(await this.lease(mailbox.id))) {
          return;
        }
        renewedAt = Date.now();
      }
      const message = await client.fetchOne(String(uid), { source: true }, { uid: true });
      if (!message || !message.source) {
        continue;
      }
      this.fetched += 1;
      this.faults.afterFetch?.(mailbox.id, uid);
      if (message.source.length > this.settings.mail.ingestMaxBytes) {
        // Left on the server, flagged for a person, and named in the mailbox's last error.
        await client.messageFlagsAdd(String(uid), ['\\Seen', '\\Flagged'], { uid: true });
        await this.repository.recordPollError(
          this.dataSource.manager,
          mailbox.id,
          `Message UID ${uid} (${message.source.length} bytes) is over MAIL_INGEST_MAX_BYTES; left on the server, flagged.`,
        );
        continue;
      }
      await this.ingestion.ingest(mailbox.id, message.source, this.actor(mailbox.id));
      this.faults.afterCommit?.(mailbox.id, uid);
      await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
    }
  }

  private actor(mailboxId: string): ActorContext {
    return {
      principal: null,
      ip: null,
      requestId: `imap:${mailboxId}`,
      userAgent: 'madoguchi-imap-poller',
    };
  }

  /** Waits, unless the instance is stopping. */
  private sleep(ms: number): Promise<void> {
    const signal = this.stop.signal;
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener('abort', done);
    });
  }
}

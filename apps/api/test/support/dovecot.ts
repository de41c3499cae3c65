import { type ChildProcess, spawn } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer, connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';

export const DOVECOT_BIN = '/usr/sbin/dovecot';
export const DOVECOT_USER = 'soudan';
export const DOVECOT_PASSWORD = 'imap-test-password';

/** A port nobody listens on right now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((ok) => server.close(() => ok()));
  return port;
}

async function waitForGreeting(port: number, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('data', (data) => {
        socket.destroy();
        resolve(data.toString().startsWith('* OK'));
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) {
      return;
    }
    if (Date.now() > deadline) {
      throw new Error(`Dovecot did not answer on port ${port}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * A real Dovecot IMAP server (Debian's dovecot-imapd) on a free loopback port, with a throw-away
 * configuration: its own base and state directories, a log file, one user with a static password,
 * maildir in a temporary directory, plaintext login over the loopback without TLS.
 * `stop()` and `start()` take it down and bring it back on the same port with the same mail.
 */
export async function startDovecot(): Promise<{
  host: string;
  port: number;
  user: string;
  password: string;
  /** Delivers a raw message into the user's INBOX (IMAP APPEND), unseen. */
  append: (raw: Buffer) => Promise<void>;
  /** UIDs of INBOX messages flagged \Seen, and of all. */
  flags: () => Promise<{ all: number; seen: number }>;
  stop: () => Promise<void>;
  start: () => Promise<void>;
  close: () => Promise<void>;
}> {
  if (!existsSync(DOVECOT_BIN)) {
    throw new Error(`${DOVECOT_BIN} is missing: apt-get install -y dovecot-imapd`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'madoguchi-dovecot-'));
  // The mail processes run as an unprivileged user, who must reach the maildir.
  chmodSync(dir, 0o755);
  const root = process.getuid?.() === 0;
  const uid = root ? 65534 : process.getuid!();
  const gid = root ? 65534 : process.getgid!();
  for (const sub of ['run', 'state', 'mail']) {
    mkdirSync(join(dir, sub));
  }
  if (root) {
    chownSync(join(dir, 'mail'), uid, gid);
  }
  const port = await freePort();
  const user = process.env.USER ?? 'root';
  writeFileSync(
    join(dir, 'dovecot.conf'),
    [
      `base_dir = ${dir}/run`,
      `state_dir = ${dir}/state`,
      `log_path = ${dir}/dovecot.log`,
      'protocols = imap',
      'listen = 127.0.0.1',
      'ssl = no',
      'disable_plaintext_auth = no',
      'auth_mechanisms = plain login',
      `mail_location = maildir:${dir}/mail/%u`,
      'first_valid_uid = 1',
      // Not root: every Dovecot process runs as the one user who started it.
      ...(root ? [] : [`default_internal_user = ${user}`, `default_login_user = ${user}`]),
      'passdb {',
      '  driver = static',
      `  args = password=${DOVECOT_PASSWORD}`,
      '}',
      'userdb {',
      '  driver = static',
      `  args = uid=${uid} gid=${gid} home=${dir}/mail/%u`,
      '}',
      'service imap-login {',
      '  chroot =',
      '  inet_listener imap {',
      '    address = 127.0.0.1',
      `    port = ${port}`,
      '  }',
      '  inet_listener imaps {',
      '    port = 0',
      '  }',
      '}',
      'service anvil {',
      '  chroot =',
      '}',
      '',
    ].join('\n'),
  );

  let child: ChildProcess | null = null;
  const start = async (): Promise<void> => {
    // Its own process group, so that stopping it also ends the imap processes serving clients
    // (they outlive a master killed alone, and the server would not really be down).
    child = spawn(DOVECOT_BIN, ['-F', '-c', join(dir, 'dovecot.conf')], {
      stdio: 'ignore',
      detached: true,
    });
    await waitForGreeting(port);
  };
  const stop = async (): Promise<void> => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null) {
      return;
    }
    const exited = new Promise<void>((ok) => running.once('exit', () => ok()));
    process.kill(-running.pid!, 'SIGTERM');
    await exited;
    // The master is gone; wait until the port refuses, so "down" really is down.
    for (let i = 0; i < 50; i++) {
      const open = await new Promise<boolean>((resolve) => {
        const socket = connect(port, '127.0.0.1');
        socket.once('connect', () => {
          socket.destroy();
          resolve(true);
        });
        socket.once('error', () => resolve(false));
      });
      if (!open) {
        return;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  const withClient = async <T>(work: (client: ImapFlow) => Promise<T>): Promise<T> => {
    const client = new ImapFlow({
      host: '127.0.0.1',
      port,
      secure: false,
      auth: { user: DOVECOT_USER, pass: DOVECOT_PASSWORD },
      logger: false,
    });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.logout().catch(() => undefined);
    }
  };

  await start();
  return {
    host: '127.0.0.1',
    port,
    user: DOVECOT_USER,
    password: DOVECOT_PASSWORD,
    append: (raw) =>
      withClient(async (client) => {
        await client.append('INBOX', raw, []);
      }),
    flags: () =>
      withClient(async (client) => {
        const lock = await client.getMailboxLock('INBOX');
        try {
          const all = (await client.search({ all: true }, { uid: true })) || [];
          const seen = (await client.search({ seen: true }, { uid: true })) || [];
          return { all: all.length, seen: seen.length };
        } finally {
          lock.release();
        }
      }),
    stop,
    start,
    close: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { freePort } from '../../src/database/embedded-postgres';

/**
 * A TCP proxy in front of PostgreSQL that a test can cut, as if the server went away: every
 * connection is dropped and new ones are refused until `restore()`. The app sees real network
 * faults (ECONNRESET, ECONNREFUSED), not a mocked driver.
 */
export interface TcpProxy {
  /** The upstream URL rewritten to go through the proxy. */
  url: string;
  cut(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(upstreamUrl: string): Promise<TcpProxy> {
  const upstream = new URL(upstreamUrl);
  const port = await freePort();
  const sockets = new Set<Socket>();
  let server: Server | null = null;

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const s = createServer((client) => {
        const backend = createConnection(Number(upstream.port || 5432), upstream.hostname);
        sockets.add(client).add(backend);
        const drop = () => {
          client.destroy();
          backend.destroy();
          sockets.delete(client);
          sockets.delete(backend);
        };
        client.on('error', drop).on('close', drop);
        backend.on('error', drop).on('close', drop);
        client.pipe(backend).pipe(client);
      });
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => resolve());
      server = s;
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) {
        socket.destroy();
      }
      sockets.clear();
      if (!server) {
        resolve();
        return;
      }
      server.close(() => resolve());
      server = null;
    });

  await listen();
  const url = new URL(upstreamUrl);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  return { url: url.toString(), cut: stop, restore: listen, close: stop };
}

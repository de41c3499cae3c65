import { stopServer } from './server';

export default async function globalTeardown(): Promise<void> {
  if (globalThis.__madoguchiServer) {
    await stopServer(globalThis.__madoguchiServer);
  }
}

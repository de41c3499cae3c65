import { ENV_BASE_URL, type RunningServer, startServer } from './server';

declare global {
  var __madoguchiServer: RunningServer | undefined;
}

export default async function globalSetup(): Promise<void> {
  const server = await startServer();
  globalThis.__madoguchiServer = server;
  process.env[ENV_BASE_URL] = server.baseUrl;
}

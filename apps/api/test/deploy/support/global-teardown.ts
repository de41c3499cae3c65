import { stopTopology } from './topology';

export default async function globalTeardown(): Promise<void> {
  if (globalThis.__madoguchiTopology) {
    await stopTopology(globalThis.__madoguchiTopology);
  }
}

import { join } from 'node:path';
import { ENV_STATE, startTopology, type TopologyState } from './topology';

declare global {
  var __madoguchiTopology: TopologyState | undefined;
}

export default async function globalSetup(): Promise<void> {
  const state = await startTopology();
  globalThis.__madoguchiTopology = state;
  process.env[ENV_STATE] = join(state.dir, 'state.json');
}

import type { EntityManager } from 'typeorm';

/**
 * How many open cases each person holds, for least-load auto-assignment. The cases module owns
 * the cases and provides this (see OpenCaseLoadModule); routing sits below cases and may not
 * import it, so it depends on this contract instead.
 */
export abstract class OpenCaseLoad {
  /** Open (not resolved or closed) cases per assignee; everyone asked is in the map, 0 or more. */
  abstract openCasesOf(db: EntityManager, userIds: string[]): Promise<Map<string, number>>;
}

/** What a reporting database says of itself (see `REPLICA_STATUS_SQL`). */
export interface ReplicaStatus {
  /** false: it is a primary (no replica configured, or one promoted) and is current. */
  inRecovery: boolean;
  /**
   * It has replayed the primary's WAL position read just before (at `primaryAt`); null when it
   * cannot tell. Not "replayed all it received": a replica whose WAL receiver is cut off (for a
   * few seconds after every primary restart) has received nothing new and would pass for current.
   */
  caughtUp: boolean | null;
  /** Commit time of the last transaction replayed; null before the first. */
  lastReplayAt: Date | null;
  /** The server's clock. */
  now: Date;
  /** The primary's clock when its WAL position was read. */
  primaryAt: Date;
}

export interface Freshness {
  /** Read the replica, or go to the primary because the replica is too far behind. */
  read: 'replica' | 'primary';
  /** The data reflects every write committed before this instant. */
  asOf: Date;
  lagSeconds: number;
}

/**
 * On the primary: how far its WAL goes, and when. `now()` is the statement's start, so every
 * transaction committed before it lies within `lsn`.
 */
export const PRIMARY_POSITION_SQL = `SELECT pg_current_wal_lsn()::text AS lsn, now() AS at`;

/** On the replica, `$1` being the primary's position. */
export const REPLICA_STATUS_SQL = `SELECT pg_is_in_recovery() AS in_recovery,
  pg_last_wal_replay_lsn() >= $1::pg_lsn AS caught_up,
  pg_last_xact_replay_timestamp() AS last_replay_at, now() AS now`;

/**
 * How current a replica's answer is, and whether it is current enough. A replica that has replayed
 * the primary's position is as current as the moment that position was read; one that is behind
 * is as of the last transaction it replayed (replay paused, WAL arriving faster than it applies,
 * or no WAL arriving at all). Over
 * `maxLagSeconds` the report reads the primary instead: slower for everyone, never stale beyond
 * the bound.
 */
export function replicaFreshness(status: ReplicaStatus, maxLagSeconds: number): Freshness {
  if (!status.inRecovery) {
    return { read: 'replica', asOf: status.now, lagSeconds: 0 };
  }
  if (status.caughtUp === true) {
    return { read: 'replica', asOf: status.primaryAt, lagSeconds: 0 };
  }
  if (!status.lastReplayAt) {
    return { read: 'primary', asOf: status.now, lagSeconds: Number.POSITIVE_INFINITY };
  }
  const lagSeconds = Math.max(0, (status.now.getTime() - status.lastReplayAt.getTime()) / 1000);
  return lagSeconds > maxLagSeconds
    ? { read: 'primary', asOf: status.now, lagSeconds }
    : { read: 'replica', asOf: status.lastReplayAt, lagSeconds };
}

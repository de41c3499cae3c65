/** What a reporting database says of itself (see `REPLICA_STATUS_SQL`). */
export interface ReplicaStatus {
  /** false: it is a primary (no replica configured, or one promoted) and is current. */
  inRecovery: boolean;
  /** Everything received has been replayed; null when it cannot tell (no WAL receiver). */
  caughtUp: boolean | null;
  /** Commit time of the last transaction replayed; null before the first. */
  lastReplayAt: Date | null;
  /** The server's clock. */
  now: Date;
}

export interface Freshness {
  /** Read the replica, or go to the primary because the replica is too far behind. */
  read: 'replica' | 'primary';
  /** The data reflects every write committed before this instant. */
  asOf: Date;
  lagSeconds: number;
}

export const REPLICA_STATUS_SQL = `SELECT pg_is_in_recovery() AS in_recovery,
  pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() AS caught_up,
  pg_last_xact_replay_timestamp() AS last_replay_at, now() AS now`;

/**
 * How current a replica's answer is, and whether it is current enough. A replica that has replayed
 * all it received is as current as streaming allows (asOf = now); one that is behind is as of the
 * last transaction it replayed (replay paused, or WAL arriving faster than it applies). Over
 * `maxLagSeconds` the report reads the primary instead: slower for everyone, never stale beyond
 * the bound.
 */
export function replicaFreshness(status: ReplicaStatus, maxLagSeconds: number): Freshness {
  if (!status.inRecovery || status.caughtUp === true) {
    return { read: 'replica', asOf: status.now, lagSeconds: 0 };
  }
  if (!status.lastReplayAt) {
    return { read: 'primary', asOf: status.now, lagSeconds: Number.POSITIVE_INFINITY };
  }
  const lagSeconds = Math.max(0, (status.now.getTime() - status.lastReplayAt.getTime()) / 1000);
  return lagSeconds > maxLagSeconds
    ? { read: 'primary', asOf: status.now, lagSeconds }
    : { read: 'replica', asOf: status.lastReplayAt, lagSeconds };
}

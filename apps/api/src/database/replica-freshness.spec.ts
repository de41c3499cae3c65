import { replicaFreshness } from './replica-freshness';

const now = new Date('2026-12-07T03:00:00Z');
const ago = (s: number): Date => new Date(now.getTime() - s * 1000);
// When the primary's WAL position was read, just before the replica was asked.
const primaryAt = ago(0.05);

describe(replicaFreshness.name, () => {
  it('takes a primary as current', () => {
    expect(
      replicaFreshness(
        { inRecovery: false, caughtUp: null, lastReplayAt: null, now, primaryAt },
        300,
      ),
    ).toEqual({ read: 'replica', asOf: now, lagSeconds: 0 });
  });

  it('takes a replica that replayed the primary position as of when that position was read', () => {
    // An idle primary leaves the last replayed commit old; that is not lag.
    expect(
      replicaFreshness(
        { inRecovery: true, caughtUp: true, lastReplayAt: ago(3600), now, primaryAt },
        300,
      ),
    ).toEqual({ read: 'replica', asOf: primaryAt, lagSeconds: 0 });
  });

  it('reads a replica that is behind within the bound, as of its last replayed commit', () => {
    // Behind the primary's position, whether WAL is still arriving or its receiver is cut off.
    expect(
      replicaFreshness(
        { inRecovery: true, caughtUp: false, lastReplayAt: ago(120), now, primaryAt },
        300,
      ),
    ).toEqual({ read: 'replica', asOf: ago(120), lagSeconds: 120 });
  });

  it('goes to the primary past the bound, or when the replica cannot say', () => {
    expect(
      replicaFreshness(
        { inRecovery: true, caughtUp: false, lastReplayAt: ago(301), now, primaryAt },
        300,
      ),
    ).toEqual({ read: 'primary', asOf: now, lagSeconds: 301 });
    expect(
      replicaFreshness(
        { inRecovery: true, caughtUp: null, lastReplayAt: null, now, primaryAt },
        300,
      ).read,
    ).toBe('primary');
  });
});

import { replicaFreshness } from './replica-freshness';

const now = new Date('2026-12-07T03:00:00Z');
const ago = (s: number): Date => new Date(now.getTime() - s * 1000);

describe(replicaFreshness.name, () => {
  it('takes a primary, or a replica that replayed all it received, as current', () => {
    expect(
      replicaFreshness({ inRecovery: false, caughtUp: null, lastReplayAt: null, now }, 300),
    ).toEqual({ read: 'replica', asOf: now, lagSeconds: 0 });
    // An idle primary leaves the last replayed commit old; that is not lag.
    expect(
      replicaFreshness({ inRecovery: true, caughtUp: true, lastReplayAt: ago(3600), now }, 300),
    ).toEqual({ read: 'replica', asOf: now, lagSeconds: 0 });
  });

  it('reads a replica that is behind within the bound, as of its last replayed commit', () => {
    expect(
      replicaFreshness({ inRecovery: true, caughtUp: false, lastReplayAt: ago(120), now }, 300),
    ).toEqual({ read: 'replica', asOf: ago(120), lagSeconds: 120 });
  });

  it('goes to the primary past the bound, or when the replica cannot say', () => {
    expect(
      replicaFreshness({ inRecovery: true, caughtUp: false, lastReplayAt: ago(301), now }, 300),
    ).toEqual({ read: 'primary', asOf: now, lagSeconds: 301 });
    expect(
      replicaFreshness({ inRecovery: true, caughtUp: null, lastReplayAt: null, now }, 300).read,
    ).toBe('primary');
  });
});

/**
 * Polls `probe` until it gives something truthy and returns that, or fails naming `what` once
 * `timeoutMs` has passed: for work a background job or another instance does in its own time.
 */
export async function until<T>(
  probe: () => Promise<T | null | undefined | false>,
  what: string,
  { timeoutMs, intervalMs }: { timeoutMs: number; intervalMs: number },
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

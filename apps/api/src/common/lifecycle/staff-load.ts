import { Injectable } from '@nestjs/common';

/**
 * How many requests this instance is answering right now, so that long downloads can step aside
 * for them. A streaming export formats rows on the event loop that also answers staff; on a
 * small machine it took the CPU the case list needed (p95 2.7× quiet with one export streaming,
 * docs/benchmarks.md "Exports beside staff work"). Exports call `yieldToStaff` between rows: while
 * any other request is in flight they wait for it, for at most `maxWaitMs` at a time, so an export
 * never starves but staff come first. With nobody else asking, an export runs at full speed.
 */
@Injectable()
export class StaffLoad {
  private inflight = 0;
  /**
   * Requests that are themselves long (a download, a case page's presence stream), so not
   * "someone else" to wait for.
   */
  private downloads = 0;
  private readonly waiters = new Set<() => void>();

  /**
   * A request came in; the returned function ends it (once, however it ends). It keeps nothing
   * of the request: a closure over the reply kept here made every request's objects outlive the
   * young generation (docs/benchmarks.md, stop 33).
   */
  begin(): () => void {
    this.inflight += 1;
    let ended = false;
    return () => {
      if (ended) {
        return;
      }
      ended = true;
      this.inflight -= 1;
      if (!this.busy) {
        this.wake();
      }
    };
  }

  /** The request being answered is a long download or stream (for as long as it streams). */
  download(): () => void {
    this.downloads += 1;
    if (!this.busy) {
      this.wake();
    }
    let ended = false;
    return () => {
      if (!ended) {
        ended = true;
        this.downloads -= 1;
      }
    };
  }

  /** Whether a request other than the downloads is being answered. */
  get busy(): boolean {
    return this.inflight > this.downloads;
  }

  /**
   * Lets requests already waiting on their sockets in, then resolves when no other request is in
   * flight: at once, when the last one ends, or after `maxWaitMs`, whichever comes first.
   */
  async yieldToStaff(maxWaitMs: number): Promise<void> {
    // An export formats rows in one stretch of the event loop, during which arriving requests sit
    // unread in the kernel, invisible to the count: measured, 85% of the checks then found
    // nobody. One turn of the loop first lets them begin, and the export waits for them.
    await new Promise((resolve) => setImmediate(resolve));
    if (!this.busy) {
      return;
    }
    await new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, maxWaitMs);
      this.waiters.add(done);
    });
  }

  private wake(): void {
    for (const done of [...this.waiters]) {
      done();
    }
  }
}

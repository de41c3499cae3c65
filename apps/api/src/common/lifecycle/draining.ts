import { Injectable } from '@nestjs/common';
import { finished, type Readable } from 'node:stream';
import { AppError } from '../errors/app-error';

/**
 * The shutdown state of this instance. Once draining, readiness and every new request answer
 * 503 (the load balancer moves traffic elsewhere at once, before Fastify stops accepting),
 * requests already running finish, and long downloads get their own grace: a download still
 * streaming at that deadline is destroyed, so its client sees a broken transfer (no final
 * chunk) rather than a file that looks complete.
 */
@Injectable()
export class Draining {
  private since: number | null = null;
  private readonly downloads = new Set<Readable>();

  get active(): boolean {
    return this.since !== null;
  }

  /** A download to wait for, and to cut off if it outlives the grace. */
  track(stream: Readable): void {
    this.downloads.add(stream);
    finished(stream, () => this.downloads.delete(stream));
  }

  get running(): number {
    return this.downloads.size;
  }

  /** Starts draining; resolves once the tracked downloads ended or were cut off. */
  async drain(graceMs: number): Promise<void> {
    this.since ??= Date.now();
    const deadline = this.since + graceMs;
    while (this.downloads.size > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(50, deadline - Date.now())));
    }
    for (const stream of this.downloads) {
      // Before its first byte this answers 503; after it, the transfer breaks off unfinished.
      stream.destroy(
        new AppError('SHUTTING_DOWN', 'The server is shutting down; the download was cut off.'),
      );
    }
    this.downloads.clear();
  }
}

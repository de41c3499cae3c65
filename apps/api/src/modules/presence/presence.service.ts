import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { Principal } from '../../common/auth/principal';
import { StaffLoad } from '../../common/lifecycle/staff-load';
import { CasesService } from '../cases/cases.service';
import { PresenceRepository } from './presence.repository';

export type { Viewer } from './presence.repository';

/**
 * "Who else has this case open": each open case page holds a server-sent event stream. The
 * stream heartbeats a row in `case_presence` and reads the others' rows, so viewers on any API
 * instance see each other; a row unrefreshed for STALE_SECONDS is someone who left.
 */
@Injectable()
export class PresenceService implements OnApplicationShutdown {
  static readonly BEAT_MS = 3000;
  static readonly STALE_SECONDS = 12;
  private readonly open = new Set<() => void>();

  constructor(
    private readonly presence: PresenceRepository,
    private readonly cases: CasesService,
    private readonly staffLoad: StaffLoad,
  ) {}

  async assertVisible(caseId: string, principal: Principal): Promise<void> {
    await this.cases.findScoped(caseId, principal);
  }

  /** Streams the other viewers of a case until the client goes away. */
  async stream(caseId: string, principal: Principal, res: ServerResponse): Promise<void> {
    const connectionId = randomUUID();
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      // Proxies such as nginx must not buffer the stream.
      'x-accel-buffering': 'no',
    });
    // Open for as long as the case page is: not a request for the exports to step aside for.
    const streaming = this.staffLoad.download();
    let last = '';
    let lastVersion: number | null = null;
    let closed = false;
    const beat = async () => {
      if (closed) {
        return;
      }
      await this.presence.beat(caseId, principal.userId, connectionId);
      const viewers = await this.presence.others(
        caseId,
        principal.userId,
        PresenceService.STALE_SECONDS,
      );
      // The case's version rides on the same heartbeat, so a page open anywhere (on any
      // instance) learns within a beat that someone saved, and refetches instead of going stale.
      const version = await this.cases.versionOf(caseId);
      if (lastVersion !== null && version !== null && version !== lastVersion) {
        res.write(`event: case\ndata: ${JSON.stringify({ version })}\n\n`);
      }
      lastVersion = version;
      const payload = JSON.stringify(viewers.map(({ userId, name }) => ({ userId, name })));
      // Only changes are sent, plus a comment line now and then to keep proxies from timing out.
      res.write(payload !== last ? `event: presence\ndata: ${payload}\n\n` : `: beat\n\n`);
      last = payload;
    };
    const timer = setInterval(() => {
      beat().catch(() => stop());
    }, PresenceService.BEAT_MS);
    const stop = () => {
      if (closed) {
        return;
      }
      closed = true;
      streaming();
      clearInterval(timer);
      this.open.delete(stop);
      res.end();
      void this.presence.leave(caseId, connectionId).catch(() => undefined);
    };
    this.open.add(stop);
    res.on('close', stop);
    await beat().catch(() => stop());
    // Old heartbeats of closed tabs on crashed instances are swept now and then.
    if (Math.random() < 0.05) {
      await this.presence.sweep().catch(() => undefined);
    }
  }

  /** Streams would hold a graceful shutdown open; they end, and browsers reconnect elsewhere. */
  onApplicationShutdown(): void {
    for (const stop of [...this.open]) {
      stop();
    }
  }
}

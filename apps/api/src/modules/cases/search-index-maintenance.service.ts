import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { SETTINGS, type Settings } from '../../config/settings';
import { SearchIndexRepository } from './search-index.repository';

// Merging many cases at once is what makes the pending list pay (per case: 1.8 ms of
// PostgreSQL's CPU merging 38 cases, 0.5 ms merging 380); searches meanwhile read a list of at
// most a few seconds of intakes, ~1 ms more at a few hundred cases.
const FLUSH_EVERY_MS = 5_000;

/**
 * Merges the search indexes' pending lists in the background where jobs run (JOBS_ENABLED), so
 * that no intake pays for it and searches read a short list. Without it the writer that fills a
 * list merges it (gin_pending_list_limit), and vacuum does: searches stay right either way.
 */
@Injectable()
export class SearchIndexMaintenanceService
  implements OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger = new Logger(SearchIndexMaintenanceService.name);
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  constructor(
    private readonly repository: SearchIndexRepository,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.settings.jobsEnabled) {
      return;
    }
    this.timer = setInterval(() => {
      if (this.running) {
        return;
      }
      this.running = true;
      this.repository
        .flush()
        .catch((error: unknown) => this.logger.error(`search index merge: ${String(error)}`))
        .finally(() => {
          this.running = false;
        });
    }, FLUSH_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }

  /** Merges now (tests and tools); answers the pages merged. */
  flush(): Promise<number> {
    return this.repository.flush();
  }
}

import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { SETTINGS, type Settings } from '../../config/settings';
import { SearchIndexRepository } from './search-index.repository';

// A second of intakes at full speed is a few hundred cases: the pending list every search reads
// stays that short, and each merge still takes many cases at once.
const FLUSH_EVERY_MS = 1_000;

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

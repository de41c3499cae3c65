import { Injectable, type StreamableFile } from '@nestjs/common';
import type { ActorContext } from '../../common/auth/actor-context';
import { ReportOutputService } from './report-output.service';
import { resultsTables } from './report-tables';
import { ResultsService } from './results.service';

const JST_OFFSET_MS = 9 * 3600_000;
const tokyoMinute = (iso: string): string =>
  `${new Date(Date.parse(iso) + JST_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ')} JST`;

const periodJa = (period: string): string =>
  period.startsWith('FY')
    ? `${period.slice(2)}年度`
    : `${period.slice(0, 4)}年${Number(period.slice(5))}月`;

/** The results workbook: the same sheets from live figures or from a frozen snapshot. */
@Injectable()
export class ResultsWorkbookService {
  constructor(
    private readonly results: ResultsService,
    private readonly output: ReportOutputService,
  ) {}

  async download(period: string, actor: ActorContext): Promise<StreamableFile> {
    const { figures, snapshot } = await this.results.figures(period, actor.principal!);
    const status = snapshot
      ? `確定版: ${tokyoMinute(snapshot.createdAt)} に ${snapshot.createdByName} が確定したスナップショットから作成(以後変わりません)`
      : `速報値: ${tokyoMinute(figures.computedAt)} 時点の集計(確定前のため今後変わることがあります)`;
    return this.output.download(actor, {
      name: `results-${period}`,
      format: 'xlsx',
      meta: { report: 'results', period, scope: figures.scope, snapshotId: snapshot?.id ?? null },
      tables: (desks) => resultsTables(figures, desks),
      options: { preamble: [`テレワーク相談窓口 実績報告 ${periodJa(period)}`, status] },
    });
  }
}

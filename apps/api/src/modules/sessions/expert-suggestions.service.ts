import {
  COUNTED_SESSION_STATUSES,
  jstMidnight,
  nextSessionKind,
  toJstDateString,
} from '@madoguchi/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Principal } from '../../common/auth/principal';
import { Clock } from '../../common/clock/clock';
import { validationError } from '../../common/errors/app-error';
import { CasesService } from '../cases/cases.service';
import { ExpertsService } from '../experts/experts.service';
import type { ExpertSuggestionListDto } from './dto/suggestion.dto';
import { rankExpert, WORKING_DAY_MINUTES } from './expert-ranking';
import { AllowanceRepository } from './allowance.repository';
import { ExpertSuggestionsRepository } from './expert-suggestions.repository';

const HOUR_MS = 3_600_000;

/** Ranks active experts for a case: topic fit, coverage of the prefecture, load and free time. */
@Injectable()
export class ExpertSuggestionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: ExpertSuggestionsRepository,
    private readonly clock: Clock,
    private readonly cases: CasesService,
    private readonly experts: ExpertsService,
    private readonly allowances: AllowanceRepository,
  ) {}

  async suggest(
    caseId: string,
    principal: Principal,
    date: string | undefined,
  ): Promise<ExpertSuggestionListDto> {
    const kase = await this.cases.findScoped(caseId, principal);
    const day = date ?? toJstDateString(this.clock.now());
    const midnight = jstMidnight(day);
    if (Number.isNaN(midnight.getTime()) || toJstDateString(midnight) !== day) {
      throw validationError('date', 'is not a calendar date');
    }
    const monthStart = jstMidnight(`${day.slice(0, 7)}-01`);
    const next = new Date(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)), 1));
    const monthEnd = jstMidnight(next.toISOString().slice(0, 10));
    const hoursStart = new Date(midnight.getTime() + 9 * HOUR_MS);
    const hoursEnd = new Date(midnight.getTime() + 17 * HOUR_MS);

    const prefectureCode = await this.repository.prefectureOf(kase.organization_id);
    const loads = await this.repository.loads(
      { start: monthStart, end: monthEnd },
      { start: hoursStart, end: hoursEnd },
      kase.organization_id,
    );
    const loadOf = new Map(loads.map((l) => [l.expert_id, l]));
    const usedKinds = await this.repository.kindsOf(kase.organization_id, COUNTED_SESSION_STATUSES);
    const allowances = await this.allowances.allowances(this.dataSource.manager, [
      kase.organization_id,
    ]);
    const allowance = allowances.get(kase.organization_id)!;

    const experts = await this.experts.list({ active: true });
    const items = experts
      .map((expert) => {
        const load = loadOf.get(expert.id);
        const busy = Math.min(WORKING_DAY_MINUTES, load?.busy_minutes_on_date ?? 0);
        const ranking = rankExpert(
          { topics: kase.topics, prefectureCode },
          {
            specialties: expert.specialties,
            prefectures: expert.prefectures,
            capacityPerMonth: expert.capacityPerMonth,
            sessionsThisMonth: load?.sessions_this_month ?? 0,
            busyMinutesOnDate: busy,
            sessionsWithOrganization: load?.sessions_with_organization ?? 0,
          },
          day,
        );
        return {
          expert,
          score: ranking.score,
          reasons: ranking.reasons,
          sessionsThisMonth: load?.sessions_this_month ?? 0,
          freeMinutesOnDate: WORKING_DAY_MINUTES - busy,
        };
      })
      .sort((a, b) => b.score - a.score || a.expert.name.localeCompare(b.expert.name, 'ja'));

    return {
      date: day,
      suggestedKind: nextSessionKind(usedKinds),
      sessionAllowance: {
        limit: allowance.limit,
        used: allowance.used,
        remaining: allowance.remaining,
        period: allowance.period,
        fiscalYear: allowance.fiscalYear,
      },
      items,
    };
  }
}

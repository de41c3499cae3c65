import { ORGANIZER_KINDS, planActivityProgress } from '@madoguchi/domain';
import { Injectable } from '@nestjs/common';
import type {
  PartnerPlanPartyRowDto,
  PartnerPlanProgressReportDto,
  PartnerPlanProgressRowDto,
} from './dto/partner-plan-progress.dto';
import { PartnerPlanProgressRepository } from './partner-plan-progress.repository';

const partyOrder = (party: string): number => (ORGANIZER_KINDS as readonly string[]).indexOf(party);

/**
 * The cooperation plans' progress in a fiscal year: each activity's reported figure and what its
 * linked events and referrals count, against its target, and a line per party. Reads the
 * partner-plans tables read-only, on the reader's database (a replica when current enough).
 * Activities' units differ (issues, companies, events), so a party's line never adds figures
 * across activities: it counts activities and averages their percentages.
 */
@Injectable()
export class PartnerPlanProgressService {
  constructor(private readonly repository: PartnerPlanProgressRepository) {}

  /** `deskId`: a regional manager's scope, that desk's own activities. */
  async progress(fiscalYear: number, deskId?: string): Promise<PartnerPlanProgressReportDto> {
    const rows = await this.repository.activities(fiscalYear, deskId ?? null);
    rows.sort((a, b) => partyOrder(a.party) - partyOrder(b.party));
    const activities: PartnerPlanProgressRowDto[] = rows.map((r) => {
      const progress = planActivityProgress({
        target: r.target,
        achieved: r.achieved,
        linkedEvents: r.linked_events,
        linkedReferrals: r.linked_referrals,
      });
      return {
        activityId: r.id,
        party: r.party,
        partyDeskId: r.party_desk_id,
        partyName: r.party_name,
        title: r.title,
        unit: r.unit,
        target: r.target,
        achieved: r.achieved,
        percent: progress.percent,
        linkedEvents: r.linked_events,
        linkedReferrals: r.linked_referrals,
        linkedPercent: progress.linkedPercent,
      };
    });
    const parties = new Map<string, PartnerPlanPartyRowDto & { percents: number[] }>();
    for (const a of activities) {
      const key = JSON.stringify([a.party, a.partyDeskId, a.partyName]);
      const line = parties.get(key) ?? {
        party: a.party,
        partyDeskId: a.partyDeskId,
        partyName: a.partyName,
        activities: 0,
        withTarget: 0,
        reached: 0,
        meanPercent: null,
        linkedEvents: 0,
        linkedReferrals: 0,
        percents: [],
      };
      line.activities += 1;
      line.withTarget += a.target !== null ? 1 : 0;
      line.reached += a.percent !== null && a.percent >= 100 ? 1 : 0;
      line.linkedEvents += a.linkedEvents;
      line.linkedReferrals += a.linkedReferrals;
      if (a.percent !== null) {
        line.percents.push(a.percent);
      }
      parties.set(key, line);
    }
    return {
      fiscalYear,
      parties: [...parties.values()].map(({ percents, ...line }) => ({
        ...line,
        meanPercent: percents.length
          ? Math.round((percents.reduce((s, p) => s + p, 0) / percents.length) * 10) / 10
          : null,
      })),
      activities,
    };
  }
}

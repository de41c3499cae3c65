import { Injectable } from '@nestjs/common';
import { ReportReader } from '../../database/report-reader';
import type { Row } from '../../database/rows';

/** A plan activity with how many events and referrals are linked to it. */
export type PlanActivityProgressRow = Row<
  'partner_plan_activity',
  'id' | 'party' | 'party_desk_id' | 'party_name' | 'title' | 'unit' | 'target' | 'achieved'
> & {
  linked_events: number;
  linked_referrals: number;
};

/** The cooperation plans' progress read, on the reader's database. */
@Injectable()
export class PartnerPlanProgressRepository {
  constructor(private readonly reader: ReportReader) {}

  /** A fiscal year's activities; with `deskId`, that desk's own only. */
  activities(fiscalYear: number, deskId: string | null): Promise<PlanActivityProgressRow[]> {
    return this.reader.db.query<PlanActivityProgressRow[]>(
      `SELECT a.id, a.party, a.party_desk_id, a.party_name, a.title, a.unit, a.target, a.achieved,
              (SELECT count(*)::int FROM partner_plan_activity_event l WHERE l.activity_id = a.id) AS linked_events,
              (SELECT count(*)::int FROM partner_plan_activity_referral l WHERE l.activity_id = a.id) AS linked_referrals
         FROM partner_plan_activity a
        WHERE a.fiscal_year = $1 AND ($2::text IS NULL OR a.party_desk_id = $2)
        ORDER BY a.party_desk_id NULLS FIRST, a.party_name NULLS FIRST, a.title, a.id`,
      [fiscalYear, deskId],
    );
  }
}

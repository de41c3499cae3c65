import { Injectable } from '@nestjs/common';
import type { Principal } from '../../common/auth/principal';
import { CaseListService } from '../cases/case-list.service';
import { SavedViewsService } from '../cases/saved-views.service';
import { FollowUpsService } from '../follow-ups/follow-ups.service';
import { SessionsService } from '../sessions/sessions.service';
import type { MyWorkDto } from './dto/work.dto';

/** A badge needs no exact figure past this. */
export const SAVED_VIEW_COUNT_CAP = 1000;

/**
 * The home page's "my work" in one call: each figure is one COUNT on an index the list it
 * links to already uses (the assignee's open cases, pending transfers, the SLA deadlines,
 * open follow-ups, sessions by start), asked of the module that owns the rows.
 */
@Injectable()
export class WorkService {
  constructor(
    private readonly caseList: CaseListService,
    private readonly savedViews: SavedViewsService,
    private readonly followUps: FollowUpsService,
    private readonly sessions: SessionsService,
  ) {}

  async mine(principal: Principal): Promise<MyWorkDto> {
    const all = Number.MAX_SAFE_INTEGER;
    const deskId = principal.deskId ?? null;
    const views = await this.savedViews.list(principal);
    const [myOpenCases, incomingTransfers, slaAtRisk, overdueFollowUps, sessionsToday, counts] =
      await Promise.all([
        this.caseList.count({ view: 'mine' }, principal, all),
        this.caseList.count({ view: 'incoming' }, principal, all),
        this.caseList.count({ view: 'at_risk', ...(deskId ? { deskId } : {}) }, principal, all),
        this.followUps.countOverdueAssigned(principal),
        this.sessions.countTodayOnAssignedCases(principal),
        Promise.all(
          views.map((v) => this.caseList.count(v.query, principal, SAVED_VIEW_COUNT_CAP)),
        ),
      ]);
    return {
      myOpenCases: myOpenCases ?? 0,
      overdueFollowUps,
      incomingTransfers: incomingTransfers ?? 0,
      sessionsToday,
      slaAtRisk: slaAtRisk ?? 0,
      deskId,
      savedViews: views.map((v, i) => ({ ...v, count: counts[i] ?? null })),
    };
  }
}

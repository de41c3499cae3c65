import { labelOf, type SessionKindLabels } from '@madoguchi/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import ical, { ICalEventStatus } from 'ical-generator';
import type { DataSource } from 'typeorm';
import type { ActorContext } from '../../common/auth/actor-context';
import { randomToken, sha256 } from '../../common/auth/secrets';
import { AppError } from '../../common/errors/app-error';
import { AuditService } from '../audit/audit.service';
import { ExpertsService } from '../experts/experts.service';
import { CalendarRepository } from './calendar.repository';
import type { CalendarTokenDto } from './dto/calendar.dto';

const PG_UNIQUE_VIOLATION = '23505';
/** 32 random bytes, base64url: what randomToken() makes. */
const TOKEN_PATTERN = /^([A-Za-z0-9_-]{43})\.ics$/;

const KIND_LABELS: SessionKindLabels = {
  assessment: '現状把握',
  preparation: '導入準備',
  follow_up: '導入後フォロー',
};
const MODE_LABELS: Record<string, string> = { onsite: '訪問', online: 'オンライン' };

/**
 * An expert's sessions as an iCalendar feed their calendar app subscribes to. Calendar apps
 * cannot sign in, so the URL carries a random token; like API tokens only its hash is kept,
 * and it is revocable. The feed leaves out contact details: the URL may end up in places a
 * session cookie never would.
 */
@Injectable()
export class CalendarService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tokens: CalendarRepository,
    private readonly experts: ExpertsService,
    private readonly audit: AuditService,
  ) {}

  /** A new feed URL; the previous one stops working. */
  async issue(expertId: string, actor: ActorContext): Promise<CalendarTokenDto> {
    await this.assertMayManage(expertId, actor);
    const token = randomToken();
    return this.dataSource.transaction(async (db) => {
      await this.tokens.revokeOf(db, expertId);
      let row: { id: string; created_at: Date } | undefined;
      try {
        row = await this.tokens.insert(db, expertId, sha256(token), actor.principal!.userId);
      } catch (error) {
        if ((error as { code?: string }).code === PG_UNIQUE_VIOLATION) {
          // Another request issued a feed for this expert at the same moment.
          throw new AppError('CONFLICT', 'A new calendar feed was just issued; reload.');
        }
        throw error;
      }
      await this.audit.record(
        actor,
        {
          action: 'expert.calendar_token_issued',
          entityType: 'expert_profile',
          entityId: expertId,
          meta: { tokenId: row.id },
        },
        db,
      );
      return { url: `/api/calendar/${token}.ics`, createdAt: row.created_at.toISOString() };
    });
  }

  async revoke(expertId: string, actor: ActorContext): Promise<void> {
    await this.assertMayManage(expertId, actor);
    await this.dataSource.transaction(async (db) => {
      const affected = await this.tokens.revokeOf(db, expertId);
      if (affected > 0) {
        await this.audit.record(
          actor,
          {
            action: 'expert.calendar_token_revoked',
            entityType: 'expert_profile',
            entityId: expertId,
          },
          db,
        );
      }
    });
  }

  /** The feed for `<token>.ics`, or null when the token is unknown, revoked or the expert inactive. */
  async feed(file: string): Promise<string | null> {
    const token = TOKEN_PATTERN.exec(file)?.[1];
    if (!token) {
      return null;
    }
    const owner = await this.tokens.ownerOf(sha256(token));
    if (!owner) {
      return null;
    }
    // A year back is plenty for a calendar app; everything ahead is included.
    const rows = await this.tokens.feed(owner.expert_id);
    const calendar = ical({
      name: `窓口 Madoguchi: ${owner.name}`,
      prodId: { company: 'Madoguchi', product: 'expert-sessions', language: 'JA' },
      ttl: 60 * 60,
    });
    for (const r of rows) {
      calendar.createEvent({
        id: `${r.id}@madoguchi`,
        start: r.start,
        end: r.end,
        summary: `${labelOf(KIND_LABELS, r.kind) ?? r.kind}(${MODE_LABELS[r.mode] ?? r.mode}): ${r.organization_name}`,
        description: `案件 ${r.case_number}${r.status === 'scheduled' ? '' : ` — ${r.status}`}`,
        location: r.location,
        status: ICalEventStatus.CONFIRMED,
        created: r.created_at,
        lastModified: r.updated_at,
      });
    }
    return calendar.toString();
  }

  /** The expert themself, or an admin. Anyone else is told there is no such expert. */
  private async assertMayManage(expertId: string, actor: ActorContext): Promise<void> {
    const principal = actor.principal!;
    const expert = await this.experts.find(expertId);
    if (principal.role !== 'admin' && expert.user_id !== principal.userId) {
      throw new AppError('NOT_FOUND', 'No such expert.');
    }
  }
}

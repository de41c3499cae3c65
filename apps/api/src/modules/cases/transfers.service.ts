import { addBusinessDays, tokyoDateTime } from '@madoguchi/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { ActorContext } from '../../common/auth/actor-context';
import type { Principal } from '../../common/auth/principal';
import { NATIONAL_DESK_ID } from '../../common/auth/roles';
import { Clock } from '../../common/clock/clock';
import { AppError, validationError } from '../../common/errors/app-error';
import { AuditService } from '../audit/audit.service';
import { DeskCalendarService } from '../desks/desk-calendar.service';
import { DesksService } from '../desks/desks.service';
import { NotificationsService } from '../notifications/notifications.service';
import { UsersRepository } from '../users/users.repository';
import { CaseTimelineService } from './case-timeline.service';
import { CasesService } from './cases.service';
import type { CaseDto } from './dto/case.dto';
import type { BounceTransferDto, TransferDto } from './dto/transfer.dto';
import { TransfersRepository } from './transfers.repository';

const hhmm = (minute: number): string =>
  `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

/**
 * Handing a case to another desk is a request, not a push: the case shows in the receiving
 * desk's queue until it accepts (and owns it) or bounces it back with a reason, and the
 * acceptance has its own deadline in the receiving desk's business days.
 */
@Injectable()
export class TransfersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transfers: TransfersRepository,
    private readonly desks: DesksService,
    private readonly users: UsersRepository,
    private readonly clock: Clock,
    private readonly cases: CasesService,
    private readonly calendars: DeskCalendarService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly timeline: CaseTimelineService,
  ) {}

  async request(id: string, dto: TransferDto, actor: ActorContext): Promise<CaseDto> {
    const principal = actor.principal!;
    await this.dataSource.transaction(async (db) => {
      const before = await this.cases.findScoped(id, principal, db);
      if (before.desk_id !== principal.deskId && principal.role === 'desk_staff') {
        // A desk can hand over only what it owns, not what is merely offered to it.
        throw new AppError('TRANSFER_STATE_CONFLICT', 'Only the owning desk can transfer a case.');
      }
      if (dto.version !== undefined && dto.version !== before.version) {
        throw new AppError('CASE_VERSION_CONFLICT', 'Someone else changed this case.', undefined, {
          currentVersion: before.version,
        });
      }
      if (dto.deskId === before.desk_id) {
        throw validationError('deskId', 'is already the owning desk');
      }
      const acceptDays = await this.desks.transferAcceptDays(db, dto.deskId);
      if (acceptDays === null) {
        throw validationError('deskId', 'is not an active desk');
      }
      const calendar = await this.calendars.calendarFor(dto.deskId, db);
      const acceptDueAt = tokyoDateTime(
        addBusinessDays(this.clock.now(), acceptDays, calendar),
        hhmm(calendar.closeMinute),
      );
      const requested = await this.transfers.request(db, id, dto.deskId, dto.reason, acceptDueAt);
      if (!requested) {
        throw new AppError(
          'TRANSFER_STATE_CONFLICT',
          before.status === 'closed'
            ? 'A closed case cannot be transferred; reopen it first.'
            : 'This case is already waiting for another desk to accept it.',
        );
      }
      await this.timeline.append(db, {
        caseId: id,
        kind: 'transferred',
        actorId: principal.userId,
        body: dto.reason,
        data: {
          from: before.desk_id,
          to: dto.deskId,
          acceptDueAt: acceptDueAt.toISOString(),
        },
      });
      const receivers = await this.users.membersOf(db, dto.deskId);
      await this.notifications.notify(db, {
        userIds: receivers,
        kind: 'transfer_requested',
        caseId: id,
        title: `移管の依頼: ${before.number} ${before.subject}`,
        body: dto.reason,
        dedupeKey: `transfer:${id}:${acceptDueAt.toISOString()}`,
      });
      await this.audit.record(
        actor,
        {
          action: 'case.transfer_requested',
          entityType: 'case',
          entityId: id,
          meta: { from: before.desk_id, to: dto.deskId, reason: dto.reason },
        },
        db,
      );
    });
    return this.cases.get(id, actor);
  }

  async accept(id: string, actor: ActorContext): Promise<CaseDto> {
    const principal = actor.principal!;
    await this.dataSource.transaction(async (db) => {
      const before = await this.cases.findScoped(id, principal, db);
      this.assertReceiver(before.transfer_to_desk_id, principal);
      // Whoever accepts takes the case; a manager accepting leaves it for the desk's queue.
      const assignee = principal.role === 'manager' ? null : principal.userId;
      const accepted = await this.transfers.accept(db, id, before.transfer_to_desk_id!, assignee);
      if (!accepted) {
        throw new AppError('TRANSFER_STATE_CONFLICT', 'The transfer was already answered.');
      }
      await this.timeline.append(db, {
        caseId: id,
        kind: 'transfer_accepted',
        actorId: principal.userId,
        data: { from: before.desk_id, to: before.transfer_to_desk_id },
      });
      await this.audit.record(
        actor,
        {
          action: 'case.transfer_accepted',
          entityType: 'case',
          entityId: id,
          changes: { deskId: { from: before.desk_id, to: before.transfer_to_desk_id } },
        },
        db,
      );
    });
    return this.cases.get(id, actor);
  }

  /** Answers nothing: the case has gone back and is out of the bouncing desk's sight. */
  async bounce(id: string, dto: BounceTransferDto, actor: ActorContext): Promise<void> {
    const principal = actor.principal!;
    await this.dataSource.transaction(async (db) => {
      const before = await this.cases.findScoped(id, principal, db);
      this.assertReceiver(before.transfer_to_desk_id, principal);
      const cleared = await this.transfers.clear(db, id, before.transfer_to_desk_id!);
      if (!cleared) {
        throw new AppError('TRANSFER_STATE_CONFLICT', 'The transfer was already answered.');
      }
      await this.timeline.append(db, {
        caseId: id,
        kind: 'transfer_bounced',
        actorId: principal.userId,
        body: dto.reason,
        data: { from: before.transfer_to_desk_id, to: before.desk_id },
      });
      if (before.assignee_id) {
        await this.notifications.notify(db, {
          userIds: [before.assignee_id],
          kind: 'transfer_bounced',
          caseId: id,
          title: `移管が差し戻されました: ${before.number} ${before.subject}`,
          body: dto.reason,
          dedupeKey: `bounce:${id}:${before.transfer_requested_at?.toISOString() ?? ''}`,
        });
      }
      await this.audit.record(
        actor,
        {
          action: 'case.transfer_bounced',
          entityType: 'case',
          entityId: id,
          meta: { desk: before.transfer_to_desk_id, reason: dto.reason },
        },
        db,
      );
    });
  }

  /**
   * The sending desk takes back a transfer the receiving desk has not answered yet. The
   * conditional UPDATE makes it race-safe against an accept or bounce: one of them wins, the
   * other answers 409.
   */
  async withdraw(id: string, actor: ActorContext): Promise<CaseDto> {
    const principal = actor.principal!;
    await this.dataSource.transaction(async (db) => {
      const before = await this.cases.findScoped(id, principal, db);
      if (!before.transfer_to_desk_id) {
        throw new AppError('TRANSFER_STATE_CONFLICT', 'This case has no pending transfer.');
      }
      const fromDeskId = before.transfer_from_desk_id ?? before.desk_id;
      const deskOfPrincipal = principal.deskId ?? NATIONAL_DESK_ID;
      if (
        deskOfPrincipal !== fromDeskId &&
        !(principal.role === 'operator' && fromDeskId === NATIONAL_DESK_ID)
      ) {
        throw new AppError('FORBIDDEN', 'Only the sending desk can withdraw this transfer.');
      }
      const cleared = await this.transfers.clear(db, id, before.transfer_to_desk_id);
      if (!cleared) {
        throw new AppError('TRANSFER_STATE_CONFLICT', 'The transfer was already answered.');
      }
      await this.timeline.append(db, {
        caseId: id,
        kind: 'transfer_withdrawn',
        actorId: principal.userId,
        data: { from: fromDeskId, to: before.transfer_to_desk_id },
      });
      await this.audit.record(
        actor,
        {
          action: 'case.transfer_withdrawn',
          entityType: 'case',
          entityId: id,
          meta: { from: fromDeskId, to: before.transfer_to_desk_id },
        },
        db,
      );
    });
    return this.cases.get(id, actor);
  }

  /** Only the receiving desk answers a transfer (the national center's operators for it). */
  private assertReceiver(toDeskId: string | null, principal: Principal): void {
    if (!toDeskId) {
      throw new AppError('TRANSFER_STATE_CONFLICT', 'This case has no pending transfer.');
    }
    const deskOfPrincipal = principal.deskId ?? NATIONAL_DESK_ID;
    const national =
      principal.role === 'operator' ||
      (principal.role === 'manager' && deskOfPrincipal === NATIONAL_DESK_ID);
    if (deskOfPrincipal !== toDeskId && !(national && toDeskId === NATIONAL_DESK_ID)) {
      throw new AppError('FORBIDDEN', 'Only the receiving desk can answer this transfer.');
    }
  }
}

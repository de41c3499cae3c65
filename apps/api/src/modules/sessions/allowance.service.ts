import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { ActorContext } from '../../common/auth/actor-context';
import { AppError } from '../../common/errors/app-error';
import { AuditService } from '../audit/audit.service';
import type { SessionGrantDto } from '../organizations/dto/organization.dto';
import {
  PROGRAM_TERMS_CACHE,
  sessionGrants,
  toSessionGrantDto,
} from '../organizations/session-allowance';
import { referenceCache } from '../../database/reference-cache';
import { NATIONAL_DESK_ID } from '../../common/auth/roles';
import { CasesService } from '../cases/cases.service';
import type {
  CreateSessionGrantDto,
  SessionSettingsDto,
  UpdateSessionSettingsDto,
} from './dto/allowance.dto';

interface SettingsRow {
  session_limit: number;
  session_period: string;
  version: number;
  updated_at: Date;
}

const toSettingsDto = (r: SettingsRow): SessionSettingsDto => ({
  limit: r.session_limit,
  period: r.session_period,
  version: r.version,
  updatedAt: r.updated_at.toISOString(),
});

/** The program's terms for free sessions, and managers' exceptions to them. */
@Injectable()
export class AllowanceService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly cases: CasesService,
  ) {}

  async settings(): Promise<SessionSettingsDto> {
    const [row] = await this.dataSource.query<SettingsRow[]>(
      `SELECT session_limit, session_period, version, updated_at FROM program_setting`,
    );
    return toSettingsDto(row!);
  }

  async updateSettings(
    dto: UpdateSessionSettingsDto,
    actor: ActorContext,
  ): Promise<SessionSettingsDto> {
    const updated = await this.dataSource.transaction(async (db) => {
      const [before] = await db.query<SettingsRow[]>(
        `SELECT session_limit, session_period, version, updated_at FROM program_setting`,
      );
      // An UPDATE answers [rows, affected count].
      const [[row]] = await db.query<[SettingsRow[], number]>(
        `UPDATE program_setting SET session_limit = coalesce($2, session_limit),
           session_period = coalesce($3, session_period), updated_by = $4,
           version = version + 1, updated_at = now()
         WHERE version = $1 RETURNING session_limit, session_period, version, updated_at`,
        [dto.version, dto.limit ?? null, dto.period ?? null, actor.principal!.userId],
      );
      if (!row) {
        throw new AppError(
          'PROGRAM_SETTINGS_VERSION_CONFLICT',
          'Someone else changed the session settings.',
          undefined,
          { currentVersion: before!.version },
        );
      }
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      if (row.session_limit !== before!.session_limit) {
        changes.limit = { from: before!.session_limit, to: row.session_limit };
      }
      if (row.session_period !== before!.session_period) {
        changes.period = { from: before!.session_period, to: row.session_period };
      }
      await this.audit.record(
        actor,
        { action: 'settings.sessions_updated', entityType: 'program_setting', changes },
        db,
      );
      return toSettingsDto(row);
    });
    referenceCache(this.dataSource, PROGRAM_TERMS_CACHE).invalidate();
    return updated;
  }

  /** One more free session for the organization; only managers grant them, always with a reason. */
  async grant(
    organizationId: string,
    dto: CreateSessionGrantDto,
    actor: ActorContext,
  ): Promise<SessionGrantDto> {
    return this.dataSource.transaction(async (db) => {
      // The organization's lock, as bookings and merges take it: a grant never lands on an
      // organization that a concurrent merge is turning into a tombstone.
      const [organization] = await db.query<{ id: string; merged_into: string | null }[]>(
        `SELECT id, merged_into FROM organization WHERE id = $1 FOR UPDATE`,
        [organizationId],
      );
      if (!organization || organization.merged_into) {
        throw new AppError('NOT_FOUND', 'No such organization.');
      }
      // A regional manager grants only where their desk is involved: an organization with no
      // case on that desk is none of its business (404, as for what a scope hides).
      const { deskId } = actor.principal!;
      if (
        deskId &&
        deskId !== NATIONAL_DESK_ID &&
        !(await this.cases.organizationHasCaseOnDesk(db, organizationId, deskId))
      ) {
        throw new AppError('NOT_FOUND', 'No such organization.');
      }
      const [created] = await db.query<{ id: string }[]>(
        `INSERT INTO session_allowance_grant (organization_id, granted_by, reason) VALUES ($1, $2, $3)
         RETURNING id`,
        [organizationId, actor.principal!.userId, dto.reason],
      );
      await this.audit.record(
        actor,
        {
          action: 'organization.session_granted',
          entityType: 'organization',
          entityId: organizationId,
          meta: { grantId: created!.id, reason: dto.reason },
        },
        db,
      );
      const grants = await sessionGrants(db, [organizationId]);
      return toSessionGrantDto(grants.find((g) => g.id === created!.id)!);
    });
  }

  /** A merge moves an organization's expert sessions and grants to the survivor. */
  async moveToOrganization(
    db: EntityManager,
    fromOrganizationId: string,
    toOrganizationId: string,
  ): Promise<{ sessions: number; grants: number }> {
    const [, sessions] = await db.query<[unknown, number]>(
      `UPDATE expert_session SET organization_id = $2 WHERE organization_id = $1`,
      [fromOrganizationId, toOrganizationId],
    );
    const [, grants] = await db.query<[unknown, number]>(
      `UPDATE session_allowance_grant SET organization_id = $2 WHERE organization_id = $1`,
      [fromOrganizationId, toOrganizationId],
    );
    return { sessions, grants };
  }

  async countForOrganization(
    organizationId: string,
  ): Promise<{ sessions: number; grants: number }> {
    const [row] = await this.dataSource.query<{ sessions: number; grants: number }[]>(
      `SELECT (SELECT count(*)::int FROM expert_session WHERE organization_id = $1) AS sessions,
              (SELECT count(*)::int FROM session_allowance_grant WHERE organization_id = $1) AS grants`,
      [organizationId],
    );
    return row ?? { sessions: 0, grants: 0 };
  }
}

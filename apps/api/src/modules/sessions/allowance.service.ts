import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { ActorContext } from '../../common/auth/actor-context';
import { AppError } from '../../common/errors/app-error';
import { AuditService } from '../audit/audit.service';
import type { SessionGrantDto } from '../organizations/dto/organization.dto';
import { toSessionGrantDto } from '../organizations/session-allowance';
import { OrganizationsService } from '../organizations/organizations.service';
import { NATIONAL_DESK_ID } from '../../common/auth/roles';
import { CasesService } from '../cases/cases.service';
import { AllowanceRepository, type ProgramSettingRow } from './allowance.repository';
import type {
  CreateSessionGrantDto,
  SessionSettingsDto,
  UpdateSessionSettingsDto,
} from './dto/allowance.dto';

const toSettingsDto = (r: ProgramSettingRow): SessionSettingsDto => ({
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
    private readonly organizations: OrganizationsService,
    private readonly allowances: AllowanceRepository,
  ) {}

  async settings(): Promise<SessionSettingsDto> {
    return toSettingsDto(await this.allowances.settings());
  }

  async updateSettings(
    dto: UpdateSessionSettingsDto,
    actor: ActorContext,
  ): Promise<SessionSettingsDto> {
    const updated = await this.dataSource.transaction(async (db) => {
      const before = await this.allowances.settings(db);
      const row = await this.allowances.updateSettings(db, dto.version, {
        limit: dto.limit ?? null,
        period: dto.period ?? null,
        updatedBy: actor.principal!.userId,
      });
      if (!row) {
        throw new AppError(
          'PROGRAM_SETTINGS_VERSION_CONFLICT',
          'Someone else changed the session settings.',
          undefined,
          { currentVersion: before.version },
        );
      }
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      if (row.session_limit !== before.session_limit) {
        changes.limit = { from: before.session_limit, to: row.session_limit };
      }
      if (row.session_period !== before.session_period) {
        changes.period = { from: before.session_period, to: row.session_period };
      }
      await this.audit.record(
        actor,
        { action: 'settings.sessions_updated', entityType: 'program_setting', changes },
        db,
      );
      return toSettingsDto(row);
    });
    this.allowances.forgetTerms();
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
      if (!(await this.organizations.lockLive(db, organizationId))) {
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
      const grantId = await this.allowances.insertGrant(
        db,
        organizationId,
        actor.principal!.userId,
        dto.reason,
      );
      await this.audit.record(
        actor,
        {
          action: 'organization.session_granted',
          entityType: 'organization',
          entityId: organizationId,
          meta: { grantId, reason: dto.reason },
        },
        db,
      );
      const grants = await this.allowances.grants(db, [organizationId]);
      return toSessionGrantDto(grants.find((g) => g.id === grantId)!);
    });
  }

  /** A merge moves an organization's expert sessions and grants to the survivor. */
  moveToOrganization(
    db: EntityManager,
    fromOrganizationId: string,
    toOrganizationId: string,
  ): Promise<{ sessions: number; grants: number }> {
    return this.allowances.moveToOrganization(db, fromOrganizationId, toOrganizationId);
  }

  countForOrganization(organizationId: string): Promise<{ sessions: number; grants: number }> {
    return this.allowances.countForOrganization(organizationId);
  }
}

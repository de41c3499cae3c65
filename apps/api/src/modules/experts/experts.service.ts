import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { ActorContext } from '../../common/auth/actor-context';
import { AppError, validationError } from '../../common/errors/app-error';
import { AuditService, diff } from '../audit/audit.service';
import type { CreateExpertDto, ExpertDto, ExpertQueryDto, UpdateExpertDto } from './dto/expert.dto';
import { type ExpertRow, ExpertsRepository } from './experts.repository';

export type { ExpertRow } from './experts.repository';

export const toExpertDto = (r: ExpertRow): ExpertDto => ({
  id: r.id,
  userId: r.user_id,
  name: r.name,
  email: r.email,
  qualifications: r.qualifications,
  specialties: r.specialties,
  prefectures: r.prefectures,
  capacityPerMonth: r.capacity_per_month,
  active: r.active,
  version: r.version,
});

const PG_UNIQUE_VIOLATION = '23505';
const escapeLike = (s: string): string => s.replace(/[\\%_]/g, '\\$&');

/** Telework managers' profiles: what they advise on, where they go, how much they take on. */
@Injectable()
export class ExpertsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly experts: ExpertsRepository,
  ) {}

  async list(query: ExpertQueryDto): Promise<ExpertDto[]> {
    const rows = await this.experts.list({
      topic: query.topic ?? null,
      prefectureCode: query.prefectureCode ?? null,
      active: query.active ?? null,
      q: query.q ? escapeLike(query.q.trim()) : null,
    });
    return rows.map(toExpertDto);
  }

  async get(id: string): Promise<ExpertDto> {
    return toExpertDto(await this.find(id));
  }

  async find(id: string, db: EntityManager = this.dataSource.manager): Promise<ExpertRow> {
    const row = await this.experts.find(id, db);
    if (!row) {
      throw new AppError('NOT_FOUND', 'No such expert.');
    }
    return row;
  }

  /** The profile of a signed-in expert, or null if an admin has not created one yet. */
  async profileIdOfUser(
    userId: string,
    db: EntityManager = this.dataSource.manager,
  ): Promise<string | null> {
    return this.experts.profileIdOfUser(userId, db);
  }

  async create(dto: CreateExpertDto, actor: ActorContext): Promise<ExpertDto> {
    return this.dataSource.transaction(async (db) => {
      if ((await this.experts.activeUserRole(db, dto.userId)) !== 'expert') {
        throw validationError('userId', 'must be an active user with the expert role');
      }
      let id: string;
      try {
        id = await this.experts.insert(db, dto.userId, {
          qualifications: dto.qualifications ?? [],
          specialties: dto.specialties ?? [],
          prefectures: dto.prefectures ?? [],
          capacityPerMonth: dto.capacityPerMonth ?? 8,
          active: dto.active ?? true,
        });
      } catch (error) {
        if ((error as { code?: string }).code === PG_UNIQUE_VIOLATION) {
          const existingId = await this.experts.profileIdOfUser(dto.userId);
          throw new AppError(
            'EXPERT_PROFILE_EXISTS',
            'This user already has an expert profile.',
            [{ field: 'userId', message: 'already has a profile' }],
            { existingId },
          );
        }
        throw error;
      }
      const created = await this.find(id, db);
      await this.audit.record(
        actor,
        {
          action: 'expert.created',
          entityType: 'expert_profile',
          entityId: id,
          changes: diff({}, toExpertDto(created)),
        },
        db,
      );
      return toExpertDto(created);
    });
  }

  async update(id: string, dto: UpdateExpertDto, actor: ActorContext): Promise<ExpertDto> {
    return this.dataSource.transaction(async (db) => {
      const before = toExpertDto(await this.find(id, db));
      const updated = await this.experts.update(db, id, dto.version, {
        qualifications: dto.qualifications ?? null,
        specialties: dto.specialties ?? null,
        prefectures: dto.prefectures ?? null,
        capacityPerMonth: dto.capacityPerMonth ?? null,
        active: dto.active ?? null,
      });
      if (!updated) {
        throw new AppError(
          'EXPERT_VERSION_CONFLICT',
          'Someone else changed this expert profile.',
          undefined,
          { currentVersion: before.version },
        );
      }
      const after = toExpertDto(await this.find(id, db));
      const { version: _before, ...beforeFields } = before;
      const { version: _after, ...afterFields } = after;
      await this.audit.record(
        actor,
        {
          action: 'expert.updated',
          entityType: 'expert_profile',
          entityId: id,
          changes: diff(beforeFields, afterFields),
        },
        db,
      );
      return after;
    });
  }
}

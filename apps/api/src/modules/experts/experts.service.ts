import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { ActorContext } from '../../common/auth/actor-context';
import { AppError, validationError } from '../../common/errors/app-error';
import { AuditService, diff } from '../audit/audit.service';
import type { CreateExpertDto, ExpertDto, ExpertQueryDto, UpdateExpertDto } from './dto/expert.dto';

export interface ExpertRow {
  id: string;
  user_id: string;
  name: string;
  email: string;
  qualifications: string[];
  specialties: string[];
  prefectures: string[];
  capacity_per_month: number;
  /** The profile and the user account are both active. */
  active: boolean;
  version: number;
}

// node-postgres parses text[] into string arrays; char(2)[] is cast to it for that.
const EXPERT_COLUMNS = `p.id, p.user_id, u.display_name AS name, u.email, p.qualifications, p.specialties,
  p.prefectures::text[] AS prefectures, p.capacity_per_month, (p.active AND u.active) AS active, p.version`;

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
  ) {}

  async list(query: ExpertQueryDto): Promise<ExpertDto[]> {
    const rows = await this.dataSource.query<ExpertRow[]>(
      `SELECT ${EXPERT_COLUMNS} FROM expert_profile p JOIN app_user u ON u.id = p.user_id
        WHERE ($1::text IS NULL OR $1 = ANY(p.specialties)
               OR EXISTS (SELECT 1 FROM unnest(p.specialties) s WHERE split_part(s, '.', 1) = $1))
          AND ($2::text IS NULL OR $2 = ANY(p.prefectures::text[]))
          AND ($3::boolean IS NULL OR (p.active AND u.active) = $3)
          AND ($4::text IS NULL OR u.display_name ILIKE '%' || $4 || '%' OR u.email ILIKE '%' || $4 || '%')
        ORDER BY u.display_name, p.id`,
      [
        query.topic ?? null,
        query.prefectureCode ?? null,
        query.active ?? null,
        query.q ? escapeLike(query.q.trim()) : null,
      ],
    );
    return rows.map(toExpertDto);
  }

  async get(id: string): Promise<ExpertDto> {
    return toExpertDto(await this.find(id));
  }

  async find(id: string, db: EntityManager = this.dataSource.manager): Promise<ExpertRow> {
    const [row] = await db.query<ExpertRow[]>(
      `SELECT ${EXPERT_COLUMNS} FROM expert_profile p JOIN app_user u ON u.id = p.user_id WHERE p.id = $1`,
      [id],
    );
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
    const [row] = await db.query<{ id: string }[]>(
      `SELECT id FROM expert_profile WHERE user_id = $1`,
      [userId],
    );
    return row?.id ?? null;
  }

  async create(dto: CreateExpertDto, actor: ActorContext): Promise<ExpertDto> {
    return this.dataSource.transaction(async (db) => {
      const users = await db.query<{ role: string }[]>(
        `SELECT role FROM app_user WHERE id = $1 AND active`,
        [dto.userId],
      );
      if (users[0]?.role !== 'expert') {
        throw validationError('userId', 'must be an active user with the expert role');
      }
      let id: string;
      try {
        const [row] = await db.query<{ id: string }[]>(
          `INSERT INTO expert_profile (user_id, qualifications, specialties, prefectures, capacity_per_month, active)
           VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
          [
            dto.userId,
            dto.qualifications ?? [],
            dto.specialties ?? [],
            dto.prefectures ?? [],
            dto.capacityPerMonth ?? 8,
            dto.active ?? true,
          ],
        );
        id = row!.id;
      } catch (error) {
        if ((error as { code?: string }).code === PG_UNIQUE_VIOLATION) {
          const [existing] = await this.dataSource.query<{ id: string }[]>(
            `SELECT id FROM expert_profile WHERE user_id = $1`,
            [dto.userId],
          );
          throw new AppError(
            'EXPERT_PROFILE_EXISTS',
            'This user already has an expert profile.',
            [{ field: 'userId', message: 'already has a profile' }],
            { existingId: existing?.id ?? null },
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
      const [rows] = await db.query<[{ id: string }[], number]>(
        `UPDATE expert_profile SET
           qualifications = coalesce($3, qualifications),
           specialties = coalesce($4, specialties),
           prefectures = coalesce($5::char(2)[], prefectures),
           capacity_per_month = coalesce($6, capacity_per_month),
           active = coalesce($7, active),
           version = version + 1, updated_at = now()
         WHERE id = $1 AND version = $2 RETURNING id`,
        [
          id,
          dto.version,
          dto.qualifications ?? null,
          dto.specialties ?? null,
          dto.prefectures ?? null,
          dto.capacityPerMonth ?? null,
          dto.active ?? null,
        ],
      );
      if (rows.length === 0) {
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

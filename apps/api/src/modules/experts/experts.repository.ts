import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Row } from '../../database/rows';

/** A profile with the name and address of its user account. */
export type ExpertRow = Row<
  'expert_profile',
  'id' | 'user_id' | 'qualifications' | 'specialties' | 'capacity_per_month' | 'version'
> & {
  name: Row<'app_user', 'display_name'>['display_name'];
  email: Row<'app_user', 'email'>['email'];
  prefectures: string[];
  /** The profile and the user account are both active. */
  active: boolean;
};

// node-postgres parses text[] into string arrays; char(2)[] is cast to it for that.
const EXPERT_COLUMNS = `p.id, p.user_id, u.display_name AS name, u.email, p.qualifications, p.specialties,
  p.prefectures::text[] AS prefectures, p.capacity_per_month, (p.active AND u.active) AS active, p.version`;

export interface ExpertFilter {
  topic: string | null;
  prefectureCode: string | null;
  active: boolean | null;
  /** Already LIKE-escaped. */
  q: string | null;
}

export interface ExpertProfileFields {
  qualifications: string[] | null;
  specialties: string[] | null;
  prefectures: string[] | null;
  capacityPerMonth: number | null;
  active: boolean | null;
}

/** The SQL on `expert_profile`. Writes take the caller's EntityManager. */
@Injectable()
export class ExpertsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  list(filter: ExpertFilter): Promise<ExpertRow[]> {
    return this.dataSource.query<ExpertRow[]>(
      `SELECT ${EXPERT_COLUMNS} FROM expert_profile p JOIN app_user u ON u.id = p.user_id
        WHERE ($1::text IS NULL OR $1 = ANY(p.specialties)
               OR EXISTS (SELECT 1 FROM unnest(p.specialties) s WHERE split_part(s, '.', 1) = $1))
          AND ($2::text IS NULL OR $2 = ANY(p.prefectures::text[]))
          AND ($3::boolean IS NULL OR (p.active AND u.active) = $3)
          AND ($4::text IS NULL OR u.display_name ILIKE '%' || $4 || '%' OR u.email ILIKE '%' || $4 || '%')
        ORDER BY u.display_name, p.id`,
      [filter.topic, filter.prefectureCode, filter.active, filter.q],
    );
  }

  async find(id: string, db: EntityManager = this.dataSource.manager): Promise<ExpertRow | null> {
    const [row] = await db.query<ExpertRow[]>(
      `SELECT ${EXPERT_COLUMNS} FROM expert_profile p JOIN app_user u ON u.id = p.user_id WHERE p.id = $1`,
      [id],
    );
    return row ?? null;
  }

  async profileIdOfUser(
    userId: string,
    db: EntityManager = this.dataSource.manager,
  ): Promise<string | null> {
    const [row] = await db.query<Row<'expert_profile', 'id'>[]>(
      `SELECT id FROM expert_profile WHERE user_id = $1`,
      [userId],
    );
    return row?.id ?? null;
  }

  /** The role of an active user account (a profile belongs to an expert's account). */
  async activeUserRole(db: EntityManager, userId: string): Promise<string | null> {
    const [row] = await db.query<Row<'app_user', 'role'>[]>(
      `SELECT role FROM app_user WHERE id = $1 AND active`,
      [userId],
    );
    return row?.role ?? null;
  }

  /** A second profile for the same user violates a unique index (23505). */
  async insert(
    db: EntityManager,
    userId: string,
    p: {
      qualifications: string[];
      specialties: string[];
      prefectures: string[];
      capacityPerMonth: number;
      active: boolean;
    },
  ): Promise<string> {
    const [row] = await db.query<Row<'expert_profile', 'id'>[]>(
      `INSERT INTO expert_profile (user_id, qualifications, specialties, prefectures, capacity_per_month, active)
           VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [userId, p.qualifications, p.specialties, p.prefectures, p.capacityPerMonth, p.active],
    );
    return row!.id;
  }

  /** The version check is part of the UPDATE; null fields stay as they are. */
  async update(
    db: EntityManager,
    id: string,
    version: number,
    p: ExpertProfileFields,
  ): Promise<boolean> {
    const [rows] = await db.query<[Row<'expert_profile', 'id'>[], number]>(
      `UPDATE expert_profile SET
           qualifications = coalesce($3, qualifications),
           specialties = coalesce($4, specialties),
           prefectures = coalesce($5::char(2)[], prefectures),
           capacity_per_month = coalesce($6, capacity_per_month),
           active = coalesce($7, active),
           version = version + 1, updated_at = now()
         WHERE id = $1 AND version = $2 RETURNING id`,
      [id, version, p.qualifications, p.specialties, p.prefectures, p.capacityPerMonth, p.active],
    );
    return rows.length > 0;
  }
}

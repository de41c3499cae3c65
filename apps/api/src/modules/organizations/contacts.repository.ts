import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../../common/auth/principal';
import type { Row } from '../../database/rows';
import { contactVisibility } from './contact-visibility';
import { prepared } from '../../database/prepared-statements';

/** A contact found by its address, with the organization it belongs to. */
export type ContactHitRow = Row<
  'contact',
  'id' | 'organization_id' | 'name' | 'email' | 'active'
> & {
  organization_name: Row<'organization', 'name'>['name'];
};

/** A contact as its services read it. */
export type ContactRow = Row<
  'contact',
  | 'id'
  | 'organization_id'
  | 'name'
  | 'name_kana'
  | 'title'
  | 'phone'
  | 'email'
  | 'contact_consent'
  | 'active'
  | 'left_at'
  | 'survey_opt_out_at'
  | 'version'
>;

export type NewContact = Pick<
  ContactRow,
  'organization_id' | 'name' | 'name_kana' | 'title' | 'phone' | 'email' | 'contact_consent'
>;

/** ContactRow's columns, for statements that answer a contact beside something else. */
export const CONTACT_ROW_COLUMNS = `id, organization_id, name, name_kana, title, phone, email, contact_consent,
  active, left_at, survey_opt_out_at, version`;

/** A contact that came back as JSON (to_json of CONTACT_ROW_COLUMNS), with its dates as dates. */
export function contactFromJson(json: Record<string, unknown>): ContactRow {
  const date = (value: unknown) =>
    value === null || value === undefined ? null : new Date(value as string);
  return {
    ...(json as Omit<ContactRow, 'left_at' | 'survey_opt_out_at'>),
    left_at: date(json.left_at),
    survey_opt_out_at: date(json.survey_opt_out_at),
  };
}

/** A new organization's first contact (OrganizationsRepository.insertWithFirstContact). */
export type FirstContact = Omit<NewContact, 'organization_id'>;

/** The contact's values after its organization's id, in the columns' order above. */
export const firstContactValues = (c: FirstContact): unknown[] => [
  c.name,
  c.name_kana,
  c.title,
  c.phone,
  c.email,
  c.contact_consent,
];

const INSERT_CONTACT_SQL = prepared(
  `INSERT INTO contact (organization_id, name, name_kana, title, phone, email, contact_consent)
   VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
);

/**
 * The SQL on `contact`, but for a new organization's first contact, which
 * OrganizationsRepository.insertWithFirstContact writes with the organization.
 */
@Injectable()
export class ContactsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The contacts at exactly this address (lower-cased) that the principal may see, of live
   * organizations; present ones first. Whoever may not see them gets none, and finds the
   * organization through the organization search instead.
   */
  visibleByEmail(email: string, principal: Principal, limit: number): Promise<ContactHitRow[]> {
    const params: unknown[] = [email, limit];
    return this.dataSource.query<ContactHitRow[]>(
      `SELECT ct.id, ct.organization_id, ct.name, ct.email, ct.active, o.name AS organization_name
         FROM contact ct JOIN organization o ON o.id = ct.organization_id
        WHERE ct.email = $1 AND o.merged_into IS NULL AND ${contactVisibility(principal, params)}
        ORDER BY ct.active DESC, ct.updated_at DESC, ct.id
        LIMIT $2`,
      params,
    );
  }

  /** A merge moves the duplicate's contacts to the survivor; answers how many moved. */
  async moveToOrganization(
    db: EntityManager,
    fromOrganizationId: string,
    toOrganizationId: string,
  ): Promise<number> {
    const [, moved] = await db.query<[unknown, number]>(
      `UPDATE contact SET organization_id = $2 WHERE organization_id = $1`,
      [fromOrganizationId, toOrganizationId],
    );
    return moved;
  }

  async countForOrganization(organizationId: string): Promise<number> {
    const [row] = await this.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM contact WHERE organization_id = $1`,
      [organizationId],
    );
    return row?.n ?? 0;
  }

  /** The organization's contacts the principal may see, oldest first. */
  visibleOf(organizationId: string, principal: Principal): Promise<ContactRow[]> {
    const shown: unknown[] = [organizationId];
    return this.dataSource.query<ContactRow[]>(
      `SELECT ct.* FROM contact ct
        WHERE ct.organization_id = $1 AND ${contactVisibility(principal, shown)}
        ORDER BY ct.created_at, ct.id`,
      shown,
    );
  }

  /** How many of the organization's contacts the principal may not see. */
  async hiddenOf(organizationId: string, principal: Principal): Promise<number> {
    const withheld: unknown[] = [organizationId];
    const [hidden] = await this.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM contact ct
        WHERE ct.organization_id = $1 AND NOT ${contactVisibility(principal, withheld)}`,
      withheld,
    );
    return hidden?.n ?? 0;
  }

  /** One contact, if the principal may see it. */
  async visible(db: EntityManager, id: string, principal: Principal): Promise<ContactRow | null> {
    const params: unknown[] = [id];
    const [row] = await db.query<ContactRow[]>(
      prepared(
        `SELECT ct.* FROM contact ct WHERE ct.id = $1 AND ${contactVisibility(principal, params)}`,
      ),
      params,
    );
    return row ?? null;
  }

  async insert(db: EntityManager, c: NewContact): Promise<ContactRow> {
    const [row] = await db.query<ContactRow[]>(INSERT_CONTACT_SQL, [
      c.organization_id,
      ...firstContactValues(c),
    ]);
    return row!;
  }

  /** A present contact of a live organization at this address, most recently updated first. */
  async presentByEmail(
    db: EntityManager,
    email: string,
  ): Promise<Row<'contact', 'id' | 'organization_id'> | null> {
    const [row] = await db.query<Row<'contact', 'id' | 'organization_id'>[]>(
      `SELECT c.id, c.organization_id FROM contact c JOIN organization o ON o.id = c.organization_id
        WHERE c.email = lower($1) AND c.active AND o.merged_into IS NULL
        ORDER BY c.updated_at DESC LIMIT 1`,
      [email],
    );
    return row ?? null;
  }

  /** A present contact of the organization with this address or phone, address first. */
  async presentOf(
    db: EntityManager,
    organizationId: string,
    email: string | null,
    phone: string | null,
  ): Promise<string | null> {
    const [row] = await db.query<Row<'contact', 'id'>[]>(
      `SELECT id FROM contact
        WHERE organization_id = $1 AND active AND (email = lower($2) OR phone = $3)
        ORDER BY (email = lower($2)) IS TRUE DESC, updated_at DESC LIMIT 1`,
      [organizationId, email, phone],
    );
    return row?.id ?? null;
  }

  /** Null when the version moved on. left_at records since when the person is gone. */
  async update(
    db: EntityManager,
    id: string,
    version: number,
    next: Omit<NewContact, 'organization_id'> & Pick<ContactRow, 'active'>,
  ): Promise<ContactRow | null> {
    const [rows] = await db.query<[ContactRow[], number]>(
      `UPDATE contact SET name = $3, name_kana = $4, title = $5, phone = $6, email = $7, contact_consent = $8,
                active = $9, left_at = CASE WHEN $9 THEN NULL ELSE coalesce(left_at, now()) END,
                version = version + 1, updated_at = now()
          WHERE id = $1 AND version = $2 RETURNING *`,
      [
        id,
        version,
        next.name,
        next.name_kana,
        next.title,
        next.phone,
        next.email,
        next.contact_consent,
        next.active,
      ],
    );
    return rows[0] ?? null;
  }

  /** False when the contact had already opted out. */
  async optOutOfSurveys(db: EntityManager, id: string): Promise<boolean> {
    const [rows] = await db.query<[{ id: string }[], number]>(
      `UPDATE contact SET survey_opt_out_at = now()
        WHERE id = $1 AND survey_opt_out_at IS NULL RETURNING id`,
      [id],
    );
    return rows.length === 1;
  }
}

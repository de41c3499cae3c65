import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../../common/auth/principal';
import type { Row } from '../../database/rows';
import { contactVisibility } from './contact-visibility';

/** A contact found by its address, with the organization it belongs to. */
export type ContactHitRow = Row<
  'contact',
  'id' | 'organization_id' | 'name' | 'email' | 'active'
> & {
  organization_name: Row<'organization', 'name'>['name'];
};

/** SQL on `contact` for the search box (the rest still lives in ContactsService). */
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
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { ActorContext } from '../../common/auth/actor-context';
import { AuditService } from '../audit/audit.service';
import { smeVerdict } from './organization-search';
import { OrganizationsRepository, type SmeInputsRow } from './organizations.repository';

export interface SmeReclassificationResult {
  /** Organizations read (merged tombstones included). */
  scanned: number;
  /** Organizations whose sme or sme_reason changed. */
  changed: number;
  /** Changed, by `from → to`: true, false, or unknown with its reason. */
  transitions: Record<string, number>;
  /** Edited by someone while this ran: their edit already stored the new verdict. */
  skipped: number;
}

const verdict = (sme: boolean | null, reason: string): string =>
  sme === null ? `unknown (${reason})` : String(sme);

/**
 * Recomputes the stored SME verdict of every organization after the rule in libs/domain
 * changed (it cannot run in SQL, so a migration cannot do it). Batch by batch in id order, each
 * batch its own short transaction; a row edited in between (its version moved) is left alone.
 */
@Injectable()
export class SmeReclassificationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly organizations: OrganizationsRepository,
    private readonly audit: AuditService,
  ) {}

  async reclassifyAll(
    actor: ActorContext,
    options: { batchSize?: number; onBatch?: (progress: SmeReclassificationResult) => void } = {},
  ): Promise<SmeReclassificationResult> {
    const batchSize = options.batchSize ?? 1000;
    const result: SmeReclassificationResult = {
      scanned: 0,
      changed: 0,
      transitions: {},
      skipped: 0,
    };
    let after: string | null = null;
    for (;;) {
      const rows: SmeInputsRow[] = await this.organizations.smeBatch(after, batchSize);
      if (rows.length === 0) {
        return result;
      }
      after = rows[rows.length - 1]!.id;
      result.scanned += rows.length;
      const changes = rows.flatMap((row) => {
        const next = smeVerdict({
          industryCode: row.industry_code,
          industrySubcode: row.industry_subcode,
          smeSector: row.sme_sector,
          employees: row.employees,
          capitalYen: row.capital_yen === null ? null : Number(row.capital_yen),
        });
        return next.sme === row.sme && next.smeReason === row.sme_reason ? [] : [{ row, next }];
      });
      if (changes.length > 0) {
        await this.dataSource.transaction(async (db) => {
          const updated = await this.organizations.setSmeVerdicts(db, {
            ids: changes.map((c) => c.row.id),
            versions: changes.map((c) => c.row.version),
            sme: changes.map((c) => c.next.sme),
            reasons: changes.map((c) => c.next.smeReason),
          });
          const done = new Set(updated);
          for (const { row, next } of changes) {
            if (!done.has(row.id)) {
              result.skipped += 1;
              continue;
            }
            result.changed += 1;
            const transition = `${verdict(row.sme, row.sme_reason)} → ${verdict(next.sme, next.smeReason)}`;
            result.transitions[transition] = (result.transitions[transition] ?? 0) + 1;
            await this.audit.record(
              actor,
              {
                action: 'organization.sme_reclassified',
                entityType: 'organization',
                entityId: row.id,
                changes: {
                  ...(row.sme === next.sme ? {} : { sme: { from: row.sme, to: next.sme } }),
                  smeReason: { from: row.sme_reason, to: next.smeReason },
                },
              },
              db,
            );
          }
        });
      }
      options.onBatch?.(result);
    }
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

// JSIC middle groups of each major group, first and last. A copy of libs/domain's table, as it
// stood when this migration was written: migrations import nothing that may change later.
const MIDDLE_GROUPS: [major: string, first: string, last: string][] = [
  ['A', '01', '02'],
  ['B', '03', '04'],
  ['C', '05', '05'],
  ['D', '06', '08'],
  ['E', '09', '32'],
  ['F', '33', '36'],
  ['G', '37', '41'],
  ['H', '42', '49'],
  ['I', '50', '61'],
  ['J', '62', '67'],
  ['K', '68', '70'],
  ['L', '71', '74'],
  ['M', '75', '77'],
  ['N', '78', '80'],
  ['O', '81', '82'],
  ['P', '83', '85'],
  ['Q', '86', '87'],
  ['R', '88', '96'],
  ['S', '97', '98'],
  ['T', '99', '99'],
];

const bound = (pick: (g: [string, string, string]) => string): string =>
  `CASE industry_code ${MIDDLE_GROUPS.map((g) => `WHEN '${g[0]}' THEN '${pick(g)}'`).join(' ')} END`;

/**
 * The JSIC middle group (2 digits) or minor group (3 digits) beside the major group, from which
 * the SME sector is read (DOMAIN.md, "Which sector"). It must lie inside the major group. sme and
 * sme_reason of existing rows are recomputed by `npm run cli -- organizations:reclassify-sme`,
 * since the rule lives in libs/domain, not in SQL.
 */
export class OrganizationIndustrySubcode1796050000000 implements MigrationInterface {
  name = 'OrganizationIndustrySubcode1796050000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE organization
        ADD COLUMN industry_subcode text
          CONSTRAINT organization_industry_subcode_format CHECK (industry_subcode ~ '^[0-9]{2,3}$'),
        ADD CONSTRAINT organization_industry_subcode_in_group CHECK (
          industry_subcode IS NULL
          OR coalesce(left(industry_subcode, 2) BETWEEN ${bound((g) => g[1])} AND ${bound((g) => g[2])}, false))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE organization DROP COLUMN industry_subcode`);
  }
}

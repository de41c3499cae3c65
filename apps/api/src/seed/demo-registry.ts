import { corporateNumberCheckDigit } from '@madoguchi/domain';
import type { EntityManager } from 'typeorm';

/** A demo corporation in the registry that no demo organization has yet (for intake and the tests). */
export const DEMO_REGISTRY_ONLY = [
  {
    base: '990000000001',
    name: '株式会社みらいワークス',
    kana: 'ミライワークス',
    prefectureCode: '13',
    prefectureName: '東京都',
    cityName: '千代田区',
    streetNumber: '霞が関３丁目１－１',
    postCode: '1000013',
    closeDate: null,
  },
  {
    base: '990000000002',
    name: '合同会社ひかり商店',
    kana: 'ヒカリショウテン',
    prefectureCode: '27',
    prefectureName: '大阪府',
    cityName: '大阪市中央区',
    streetNumber: '本町１丁目２－３',
    postCode: '5410053',
    closeDate: '2026-03-31',
  },
].map((c) => ({ ...c, corporateNumber: `${corporateNumberCheckDigit(c.base)}${c.base}` }));

/**
 * What an imported corporate-number file would hold for the demo: each demo organization with a
 * corporate number as it is on file, and two corporations no organization has yet. Loaded once
 * (skipped when the registry has rows), only in demo mode.
 */
export async function seedDemoRegistry(db: EntityManager): Promise<boolean> {
  const [existing] = await db.query<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM corporate_registry`,
  );
  if ((existing?.n ?? 0) > 0) {
    return false;
  }
  await db.query(
    `INSERT INTO corporate_registry (corporate_number, sequence_number, process, correct, update_date,
       change_date, name, name_kana, kind, prefecture_code, street_number, assignment_date)
     SELECT corporate_number, row_number() OVER (ORDER BY corporate_number), '01', false, DATE '2026-04-01',
            DATE '2015-10-05', name, name_kana, '301', prefecture_code, address, DATE '2015-10-05'
       FROM organization WHERE corporate_number IS NOT NULL AND merged_into IS NULL`,
  );
  for (const c of DEMO_REGISTRY_ONLY) {
    await db.query(
      `INSERT INTO corporate_registry (corporate_number, sequence_number, process, correct, update_date,
         change_date, name, name_kana, kind, prefecture_code, prefecture_name, city_name, street_number,
         post_code, close_date, close_cause, assignment_date)
       VALUES ($1, 0, $2, false, DATE '2026-04-01', DATE '2026-04-01', $3, $4, $5, $6, $7, $8, $9, $10,
               $11, $12, DATE '2015-10-05')`,
      [
        c.corporateNumber,
        c.closeDate ? '21' : '11',
        c.name,
        c.kana,
        c.name.startsWith('合同') ? '305' : '301',
        c.prefectureCode,
        c.prefectureName,
        c.cityName,
        c.streetNumber,
        c.postCode,
        c.closeDate,
        c.closeDate ? '01' : null,
      ],
    );
  }
  return true;
}

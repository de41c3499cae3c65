import { hash } from '@node-rs/argon2';
import { TOPIC_CATEGORIES, TOPICS } from '@madoguchi/domain';
import type { DataSource, EntityManager } from 'typeorm';
import { seedDemoCases } from './demo-data';
import { seedDemoRegistry } from './demo-registry';
import { seedDemoSessions } from './demo-sessions';
import { seedDemoSurvey } from './demo-survey';
import { seedDemoWorkload } from './demo-workload';
import { DESKS, PROGRAMS, PROGRAMS_FISCAL_YEAR } from './reference-data';

export const DEMO_PASSWORD = 'madoguchi-demo-2026';

export const DEMO_USERS = [
  { email: 'admin@example.jp', displayName: '管理 太郎', role: 'admin', deskId: 'national' },
  { email: 'manager@example.jp', displayName: '統括 花子', role: 'manager', deskId: 'national' },
  { email: 'operator@example.jp', displayName: '相談 一郎', role: 'operator', deskId: 'national' },
  { email: 'kanto@example.jp', displayName: '関東 次郎', role: 'desk_staff', deskId: 'kanto' },
  { email: 'kinki@example.jp', displayName: '近畿 三郎', role: 'desk_staff', deskId: 'kinki' },
  { email: 'expert1@example.jp', displayName: '専門 美咲', role: 'expert', deskId: null },
  { email: 'expert2@example.jp', displayName: '専門 健', role: 'expert', deskId: null },
] as const;

export interface SeedResult {
  /** Set when demo data was loaded, so the boot log can tell the user how to sign in. */
  demoPassword?: string;
}

/** Inserts what is missing; never overwrites rows an admin may have edited. */
export async function seedReferenceData(db: EntityManager): Promise<void> {
  for (const [i, desk] of DESKS.entries()) {
    await db.query(
      `INSERT INTO desk (id, kind, name_ja, name_en, sort_order) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (id) DO NOTHING`,
      [desk.id, desk.kind, desk.nameJa, desk.nameEn, i],
    );
    for (const prefecture of desk.prefectures) {
      await db.query(
        `INSERT INTO desk_prefecture (prefecture_code, desk_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
        [prefecture, desk.id],
      );
    }
  }
  // Topic codes are stable and defined in libs/domain; labels follow the code.
  for (const [i, category] of TOPIC_CATEGORIES.entries()) {
    await db.query(
      `INSERT INTO topic (code, parent_code, label_ja, label_en, sort_order) VALUES ($1, NULL, $2, $3, $4)
       ON CONFLICT (code) DO UPDATE SET label_ja = EXCLUDED.label_ja, label_en = EXCLUDED.label_en`,
      [category.code, category.labelJa, category.labelEn, i * 100],
    );
  }
  for (const [i, topic] of TOPICS.entries()) {
    await db.query(
      `INSERT INTO topic (code, parent_code, label_ja, label_en, sort_order) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (code) DO UPDATE SET label_ja = EXCLUDED.label_ja, label_en = EXCLUDED.label_en`,
      [topic.code, topic.parent, topic.labelJa, topic.labelEn, i + 1],
    );
  }
  for (const program of PROGRAMS) {
    await db.query(
      `INSERT INTO referral_program (code, fiscal_year, provider, kind, name_ja, name_en, summary_ja, url, owner)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (code, fiscal_year) DO NOTHING`,
      [
        program.code,
        PROGRAMS_FISCAL_YEAR,
        program.provider,
        program.kind,
        program.nameJa,
        program.nameEn,
        program.summaryJa,
        program.url ?? null,
        program.owner ?? null,
      ],
    );
  }
}

export async function seedDemoUsers(db: EntityManager): Promise<void> {
  const passwordHash = await hash(DEMO_PASSWORD);
  for (const user of DEMO_USERS) {
    // Demo accounts are ready to use: no forced password change.
    await db.query(
      `INSERT INTO app_user (email, display_name, role, desk_id, password_hash, must_change_password)
       VALUES ($1, $2, $3, $4, $5, false) ON CONFLICT (email) DO NOTHING`,
      [user.email, user.displayName, user.role, user.deskId, passwordHash],
    );
  }
}

export async function seedDatabase(
  dataSource: DataSource,
  options: { demo: boolean; appSecret: string },
): Promise<SeedResult> {
  await dataSource.transaction(async (db) => {
    await seedReferenceData(db);
    if (options.demo) {
      await seedDemoUsers(db);
      await seedDemoCases(db);
      await seedDemoSessions(db);
      await seedDemoWorkload(db);
      await seedDemoSurvey(db, options.appSecret);
      await seedDemoRegistry(db);
    }
  });
  return options.demo ? { demoPassword: DEMO_PASSWORD } : {};
}

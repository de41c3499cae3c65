import { jstMidnight, type SessionKind, toJstDateString } from '@madoguchi/domain';
import type { EntityManager } from 'typeorm';
import { CaseEventsRepository } from '../modules/cases/case-events.repository';
import { CaseTimelineService } from '../modules/cases/case-timeline.service';

// Demo data goes through the timeline's one writer like everything else.
const timeline = new CaseTimelineService(new CaseEventsRepository());

/** The two demo telework managers: a labour attorney in Kanto and an IT coordinator for Kanto and Kinki. */
const PROFILES = [
  {
    email: 'expert1@example.jp',
    qualifications: ['sharoushi'],
    specialties: ['LAB.RULES', 'LAB.TIME', 'LAB.EVAL', 'LAB.COST', 'LAB.OSH', 'LAB.SUBSIDY'],
    prefectures: ['08', '09', '10', '11', '12', '13', '14', '19'],
    capacityPerMonth: 10,
  },
  {
    email: 'expert2@example.jp',
    qualifications: ['it_coordinator', 'sme_consultant'],
    specialties: ['ICT.METHOD', 'ICT.SEC', 'ICT.DEVICE', 'ICT.NET', 'ICT.COLLAB', 'ICT.ATTEND'],
    prefectures: ['13', '14', '26', '27', '28'],
    capacityPerMonth: 8,
  },
] as const;

const REPORTS: Record<SessionKind, [string, string, string]> = {
  assessment: [
    '紙の申請書と押印が多く、在宅勤務の妨げになっている。就業規則にテレワークの定めがない。',
    '対象者・頻度を決めたうえでテレワーク規程を整備し、申請書の電子化から始める。',
    '次回までに対象部署と業務の棚卸し表を作成していただく。',
  ],
  preparation: [
    'テレワーク規程の案と、労働時間の把握方法(勤怠システムの打刻)を確認した。',
    '中抜け時間の扱いと通信費の負担ルールを規程に明記する。',
    '試行の開始日を決め、従業員向け説明会を開く。',
  ],
  follow_up: [
    '試行は順調。一部でチャットの使い方にばらつきがある。',
    'コミュニケーションのルールを簡潔にまとめ、全社に周知する。',
    '3か月後に利用状況を振り返る。',
  ],
};

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** 10:00 or 14:00 JST on the first weekday on or after the instant's day. */
function slot(from: Date, afternoon: boolean): Date {
  let day = jstMidnight(toJstDateString(from));
  while ([0, 6].includes(new Date(day.getTime() + 9 * HOUR_MS).getUTCDay())) {
    day = new Date(day.getTime() + DAY_MS);
  }
  return new Date(day.getTime() + (afternoon ? 14 : 10) * HOUR_MS);
}

/**
 * Expert profiles for the demo experts and a handful of sessions on existing demo cases: past
 * ones completed with a report (one no-show), upcoming ones scheduled. Never more than the
 * program's limit per organization. Loaded once (skipped when any profile exists).
 */
export async function seedDemoSessions(db: EntityManager, now = new Date()): Promise<boolean> {
  const [existing] = await db.query<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM expert_profile`,
  );
  if ((existing?.n ?? 0) > 0) {
    return false;
  }
  const experts: { id: string; userId: string; category: string }[] = [];
  for (const profile of PROFILES) {
    const [row] = await db.query<{ id: string; user_id: string }[]>(
      `INSERT INTO expert_profile (user_id, qualifications, specialties, prefectures, capacity_per_month)
       SELECT id, $2, $3, $4, $5 FROM app_user WHERE email = $1 AND role = 'expert'
       RETURNING id, user_id`,
      [
        profile.email,
        profile.qualifications,
        profile.specialties,
        profile.prefectures,
        profile.capacityPerMonth,
      ],
    );
    if (row) {
      experts.push({
        id: row.id,
        userId: row.user_id,
        category: profile.specialties[0].slice(0, 3),
      });
    }
  }
  const [terms] = await db.query<{ session_limit: number }[]>(
    `SELECT session_limit FROM program_setting`,
  );
  const limit = terms?.session_limit ?? 3;
  if (experts.length === 0 || limit === 0) {
    return true;
  }
  const [booker] = await db.query<{ id: string }[]>(
    `SELECT id FROM app_user WHERE role = 'operator' AND active ORDER BY email LIMIT 1`,
  );

  // Cases that went to an expert: a few finished ones with history, and the ones waiting now.
  const cases = await db.query<
    {
      id: string;
      organization_id: string;
      status: string;
      received_at: Date;
      topics: string[];
      telework_status: string;
    }[]
  >(
    `(SELECT c.id, c.organization_id, c.status, c.received_at, o.telework_status,
             ARRAY(SELECT t.topic_code FROM case_topic t WHERE t.case_id = c.id ORDER BY t.topic_code) AS topics
        FROM "case" c JOIN organization o ON o.id = c.organization_id
       WHERE c.status IN ('closed', 'follow_up') AND c.received_at < $1
       ORDER BY c.number LIMIT 8)
     UNION ALL
     (SELECT c.id, c.organization_id, c.status, c.received_at, o.telework_status,
             ARRAY(SELECT t.topic_code FROM case_topic t WHERE t.case_id = c.id ORDER BY t.topic_code) AS topics
        FROM "case" c JOIN organization o ON o.id = c.organization_id
       WHERE c.status = 'referred_to_expert'
       ORDER BY c.number LIMIT 4)`,
    [new Date(now.getTime() - 60 * DAY_MS)],
  );

  const used = new Map<string, number>();
  const taken = new Set<string>();
  let noShowLeft = 1;
  // One upcoming case had its session a few days ago and still waits for the expert's report.
  let awaitingReportLeft = 1;
  for (const [i, kase] of cases.entries()) {
    const expert =
      experts.find((e) => kase.topics.some((t) => t.startsWith(e.category))) ?? experts[0]!;
    const upcoming = kase.status === 'referred_to_expert';
    const kinds: SessionKind[] = upcoming
      ? ['assessment']
      : kase.telework_status === 'not_started'
        ? ['assessment', 'preparation']
        : ['assessment', 'preparation', 'follow_up'];
    const awaitingReport = upcoming && awaitingReportLeft-- > 0;
    let from = awaitingReport
      ? new Date(now.getTime() - 4 * DAY_MS)
      : upcoming
        ? new Date(now.getTime() + (3 + i) * DAY_MS)
        : new Date(kase.received_at.getTime() + 7 * DAY_MS);
    for (const kind of kinds) {
      if ((used.get(kase.organization_id) ?? 0) >= limit) {
        break;
      }
      let start = slot(from, i % 2 === 1);
      while (taken.has(`${expert.id}|${start.toISOString()}`)) {
        start = slot(new Date(start.getTime() + DAY_MS), i % 2 === 1);
      }
      if (!upcoming && start.getTime() > now.getTime()) {
        break; // a finished case gets no new sessions
      }
      taken.add(`${expert.id}|${start.toISOString()}`);
      const past = !upcoming && start.getTime() + 2 * HOUR_MS < now.getTime();
      const noShow = past && kind === 'follow_up' && noShowLeft-- > 0;
      const status = !past ? 'scheduled' : noShow ? 'no_show' : 'completed';
      const report = status === 'completed' ? REPORTS[kind] : null;
      const [session] = await db.query<{ id: string }[]>(
        `INSERT INTO expert_session (case_id, organization_id, expert_id, kind, status, scheduled, mode, location,
           findings, recommendations, next_steps, minutes_spent, honorarium_yen, booked_by, closed_by, closed_at,
           created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, tstzrange($6, $7, '[)'), $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $18)
         RETURNING id`,
        [
          kase.id,
          kase.organization_id,
          expert.id,
          kind,
          status,
          start,
          new Date(start.getTime() + 90 * 60_000),
          i % 3 === 0 ? 'online' : 'onsite',
          i % 3 === 0 ? 'Web会議' : '先方事務所',
          report?.[0] ?? null,
          report?.[1] ?? null,
          report?.[2] ?? null,
          report ? 90 : null,
          report ? 30_000 : null,
          booker?.id ?? null,
          past ? expert.userId : null,
          past ? new Date(start.getTime() + 2 * HOUR_MS) : null,
          new Date(Math.min(start.getTime() - 3 * DAY_MS, now.getTime())),
        ],
      );
      used.set(kase.organization_id, (used.get(kase.organization_id) ?? 0) + 1);
      const data = { sessionId: session!.id, expertId: expert.id, kind, scheduledStart: start };
      await timeline.append(db, {
        caseId: kase.id,
        kind: 'session_booked',
        actorId: booker?.id ?? null,
        at: new Date(Math.min(start.getTime() - 3 * DAY_MS, now.getTime())),
        data,
      });
      if (past) {
        await timeline.append(db, {
          caseId: kase.id,
          kind: status === 'completed' ? 'session_completed' : 'session_no_show',
          actorId: expert.userId,
          at: new Date(start.getTime() + 2 * HOUR_MS),
          body: report?.[0] ?? '',
          data,
        });
      }
      from = new Date(start.getTime() + 21 * DAY_MS);
    }
    if (upcoming) {
      await db.query(
        `UPDATE "case" SET status = 'in_sessions', version = version + 1, updated_at = now() WHERE id = $1`,
        [kase.id],
      );
      await timeline.append(db, {
        caseId: kase.id,
        kind: 'status_changed',
        actorId: booker?.id ?? null,
        data: { from: 'referred_to_expert', to: 'in_sessions', reason: 'session_booked' },
      });
    }
  }
  return true;
}

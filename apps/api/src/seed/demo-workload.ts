import {
  addBusinessDays,
  addMonthsClamped,
  DEFAULT_CALENDAR,
  nextBusinessDayOnOrAfter,
  resolutionDueAt,
  slaDueAt,
  tokyoDate,
} from '@madoguchi/domain';
import type { EntityManager } from 'typeorm';

/**
 * The day-to-day workload on top of the demo cases, so the queues have something in them:
 * SLA due times on every case, follow-ups on the regional desks (some overdue), outcome checks
 * after completed expert sessions, two transfers waiting to be accepted and a few notifications.
 * Loaded once (skipped when follow-ups exist), only in demo mode.
 */
export async function seedDemoWorkload(db: EntityManager, now = new Date()): Promise<boolean> {
  const [existing] = await db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM follow_up`);
  if ((existing?.n ?? 0) > 0) {
    return false;
  }
  const policies = new Map(
    (
      await db.query<{ channel: string; hours: string | null; days: number }[]>(
        `SELECT channel, first_response_business_hours AS hours, resolution_business_days AS days FROM sla_policy`,
      )
    ).map((p) => [p.channel, p]),
  );
  const cases = await db.query<
    {
      id: string;
      number: string;
      channel: string;
      status: string;
      desk_id: string;
      assignee_id: string | null;
      received_at: Date;
      first_responded_at: Date | null;
      organization_name: string;
    }[]
  >(
    `SELECT c.id, c.number, c.channel, c.status, c.desk_id, c.assignee_id, c.received_at, c.first_responded_at,
            o.name AS organization_name
       FROM "case" c JOIN organization o ON o.id = c.organization_id ORDER BY c.received_at`,
  );
  for (const c of cases) {
    const policy = policies.get(c.channel);
    const hours = policy?.hours === null || !policy ? null : Number(policy.hours);
    await db.query(
      `UPDATE "case" SET first_response_due_at = $2, resolution_due_at = $3 WHERE id = $1`,
      [
        c.id,
        hours === null ? null : slaDueAt(c.received_at, { firstResponseBusinessHours: hours }),
        resolutionDueAt(c.received_at, policy?.days ?? 20),
      ],
    );
  }

  const today = tokyoDate(now);
  const open = cases.filter(
    (c) => !['resolved', 'closed'].includes(c.status) && c.desk_id !== 'national',
  );
  for (const [i, c] of open.slice(0, 60).entries()) {
    // Spread over the last week and the next four: the board has overdue, today and later.
    const offset = (i % 25) - 5;
    const dueOn =
      offset < 0
        ? addBusinessDays(shift(today, offset * 2), 0, DEFAULT_CALENDAR)
        : addBusinessDays(today, offset, DEFAULT_CALENDAR);
    await db.query(
      `INSERT INTO follow_up (case_id, desk_id, assignee_id, kind, due_on, note)
       VALUES ($1, $2, $3, 'manual', $4, $5)`,
      [c.id, c.desk_id, c.assignee_id, dueOn, FOLLOW_UP_NOTES[i % FOLLOW_UP_NOTES.length]],
    );
  }

  // Outcome checks after the demo's completed expert sessions, as completing one schedules them.
  const completed = await db.query<{ case_id: string; desk_id: string; day: string }[]>(
    `SELECT DISTINCT ON (s.case_id) s.case_id, c.desk_id,
            to_char(lower(s.scheduled) AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM-DD') AS day
       FROM expert_session s JOIN "case" c ON c.id = s.case_id
      WHERE s.status = 'completed' ORDER BY s.case_id, lower(s.scheduled) DESC`,
  );
  for (const s of completed) {
    for (const months of [3, 6]) {
      await db.query(
        `INSERT INTO follow_up (case_id, desk_id, kind, due_on, note, months_after)
         VALUES ($1, $2, 'outcome_check', $3, $4, $5) ON CONFLICT DO NOTHING`,
        [
          s.case_id,
          s.desk_id,
          nextBusinessDayOnOrAfter(addMonthsClamped(s.day, months)),
          `専門家派遣後${months}か月の成果確認(テレワーク導入・助成金申請の有無)`,
          months,
        ],
      );
    }
  }

  // Two national cases waiting for a regional desk to take them.
  const national = cases.filter((c) => c.desk_id === 'national' && c.status === 'in_progress');
  for (const [c, to] of [
    [national[0], 'kanto'],
    [national[1], 'kinki'],
  ] as const) {
    if (!c) {
      continue;
    }
    await db.query(
      `UPDATE "case" SET transfer_to_desk_id = $2, transfer_from_desk_id = desk_id, transfer_reason = $3,
         transfer_requested_at = now(), transfer_accept_due_at = $4 WHERE id = $1`,
      [
        c.id,
        to,
        '対面での支援を希望されたため',
        new Date(`${addBusinessDays(today, 2)}T17:00:00+09:00`),
      ],
    );
    const receivers = await db.query<{ id: string }[]>(
      `SELECT id FROM app_user WHERE desk_id = $1 AND active`,
      [to],
    );
    for (const r of receivers) {
      await db.query(
        `INSERT INTO notification (user_id, kind, case_id, title, body, dedupe_key)
         VALUES ($1, 'transfer_requested', $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
        [
          r.id,
          c.id,
          `移管の依頼: ${c.number} ${c.organization_name}`,
          '対面での支援を希望されたため',
          `demo-transfer:${c.id}`,
        ],
      );
    }
  }
  return true;
}

const shift = (ymd: string, days: number): string => {
  const d = new Date(`${ymd}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

const FOLLOW_UP_NOTES = [
  '就業規則の改定案を確認する',
  '助成金の申請状況を確認する',
  'VPN機器の選定結果を聞く',
  '試行導入の感想を伺う',
  '労働時間管理の運用を確認する',
];

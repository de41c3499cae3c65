import { Injectable } from '@nestjs/common';
import { ReportReader } from '../../database/report-reader';
import type { Row } from '../../database/rows';

/** An event with its registrations (attendees) at each stage of the funnel. */
export type EventFunnelRow = {
  event_id: Row<'event', 'id'>['id'];
} & Row<'event', 'title' | 'kind' | 'organizer_kind' | 'starts_at'> & {
    registrations: number;
    attended: number;
    cases_opened: number;
    first_session: number;
    adopted: number;
  };

/** Which events: each criterion null for any. `start`/`end`: the start's instant range. */
export interface EventFunnelCriteria {
  fiscalYear: number | null;
  kind: string | null;
  organizerKind: string | null;
  prefectureCode: string | null;
  start: Date | null;
  end: Date | null;
  deskId: string | null;
}

/** The events funnel's read, on the reader's database. */
@Injectable()
export class EventsFunnelRepository {
  constructor(private readonly reader: ReportReader) {}

  events(criteria: EventFunnelCriteria): Promise<EventFunnelRow[]> {
    return this.reader.db.query<EventFunnelRow[]>(
      `SELECT e.id AS event_id, e.title, e.kind, e.organizer_kind, e.starts_at,
                count(r.id)::int AS registrations,
                count(r.id) FILTER (WHERE r.attendance = 'attended')::int AS attended,
                count(r.case_id)::int AS cases_opened,
                count(r.case_id) FILTER (WHERE EXISTS (SELECT 1 FROM expert_session s
                    WHERE s.case_id = r.case_id AND s.status <> 'cancelled'))::int AS first_session,
                count(r.case_id) FILTER (WHERE o.telework_status = 'adopted')::int AS adopted
           FROM event e
           LEFT JOIN event_registration r ON r.event_id = e.id AND r.status <> 'cancelled'
           LEFT JOIN "case" c ON c.id = r.case_id
           LEFT JOIN organization o ON o.id = c.organization_id
          WHERE ($1::int IS NULL OR e.fiscal_year = $1) AND ($2::text IS NULL OR e.kind = $2)
            AND ($3::text IS NULL OR e.organizer_kind = $3) AND ($4::text IS NULL OR e.prefecture_code = $4)
            AND ($5::timestamptz IS NULL OR e.starts_at >= $5) AND ($6::timestamptz IS NULL OR e.starts_at < $6)
            AND ($7::text IS NULL OR e.organizer_desk_id = $7)
          GROUP BY e.id ORDER BY e.starts_at, e.id`,
      [
        criteria.fiscalYear,
        criteria.kind,
        criteria.organizerKind,
        criteria.prefectureCode,
        criteria.start,
        criteria.end,
        criteria.deskId,
      ],
    );
  }
}

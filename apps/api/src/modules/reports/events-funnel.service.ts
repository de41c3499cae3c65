import { jstDayRange } from '@madoguchi/domain';
import { Injectable } from '@nestjs/common';
import { ReportReader } from '../../database/report-reader';
import type {
  EventsFunnelCountsDto,
  EventsFunnelQueryDto,
  EventsFunnelReportDto,
} from './dto/events-funnel.dto';

interface FunnelRow {
  event_id: string;
  title: string;
  kind: string;
  organizer_kind: string;
  starts_at: Date;
  registrations: number;
  attended: number;
  cases_opened: number;
  first_session: number;
  adopted: number;
}

/**
 * From an event to telework: registrations → attended → cases opened from an attendee → of
 * those, a case with an expert session (not cancelled, as everywhere in the reports) → of those
 * cases, an organization now adopted. Each stage counts registrations (attendees), so two people
 * of one company are two. Reads the events, cases, sessions and organizations read-only.
 */
@Injectable()
export class EventsFunnelService {
  constructor(private readonly reader: ReportReader) {}

  async funnel(query: EventsFunnelQueryDto): Promise<EventsFunnelReportDto> {
    const { result, asOf } = await this.reader.read(() => this.figures(query));
    return { ...result, dataAsOf: asOf.toISOString() };
  }

  /**
   * The funnel on the reader's current database. The results workbook asks for a period's
   * events (from/to: Tokyo days of the start, inclusive) and a regional manager's desk.
   */
  async figures(
    query: EventsFunnelQueryDto & { from?: string; to?: string; deskId?: string },
  ): Promise<Omit<EventsFunnelReportDto, 'dataAsOf'>> {
    const { start, end } = jstDayRange(query.from, query.to);
    const result = await this.reader.db.query<FunnelRow[]>(
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
        query.fiscalYear ?? null,
        query.kind ?? null,
        query.party ?? null,
        query.prefecture ?? null,
        start,
        end,
        query.deskId ?? null,
      ],
    );
    const counts = (r: FunnelRow): EventsFunnelCountsDto => ({
      registrations: r.registrations,
      attended: r.attended,
      casesOpened: r.cases_opened,
      firstSession: r.first_session,
      adopted: r.adopted,
    });
    const totals: EventsFunnelCountsDto = {
      registrations: 0,
      attended: 0,
      casesOpened: 0,
      firstSession: 0,
      adopted: 0,
    };
    for (const row of result) {
      for (const [key, value] of Object.entries(counts(row)) as [
        keyof EventsFunnelCountsDto,
        number,
      ][]) {
        totals[key] += value;
      }
    }
    return {
      totals,
      events: result.map((r) => ({
        eventId: r.event_id,
        title: r.title,
        kind: r.kind,
        organizerKind: r.organizer_kind,
        startsAt: r.starts_at.toISOString(),
        ...counts(r),
      })),
    };
  }
}

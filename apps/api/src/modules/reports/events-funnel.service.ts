import { jstDayRange } from '@madoguchi/domain';
import { Injectable } from '@nestjs/common';
import { ReportReader } from '../../database/report-reader';
import type {
  EventsFunnelCountsDto,
  EventsFunnelQueryDto,
  EventsFunnelReportDto,
} from './dto/events-funnel.dto';
import { type EventFunnelRow, EventsFunnelRepository } from './events-funnel.repository';

/**
 * From an event to telework: registrations → attended → cases opened from an attendee → of
 * those, a case with an expert session (not cancelled, as everywhere in the reports) → of those
 * cases, an organization now adopted. Each stage counts registrations (attendees), so two people
 * of one company are two. Reads the events, cases, sessions and organizations read-only.
 */
@Injectable()
export class EventsFunnelService {
  constructor(
    private readonly reader: ReportReader,
    private readonly repository: EventsFunnelRepository,
  ) {}

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
    const result = await this.repository.events({
      fiscalYear: query.fiscalYear ?? null,
      kind: query.kind ?? null,
      organizerKind: query.party ?? null,
      prefectureCode: query.prefecture ?? null,
      start,
      end,
      deskId: query.deskId ?? null,
    });
    const counts = (r: EventFunnelRow): EventsFunnelCountsDto => ({
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

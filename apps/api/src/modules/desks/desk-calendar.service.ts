import { type BusinessCalendar, makeCalendar } from '@madoguchi/domain';
import { Injectable } from '@nestjs/common';
import { DesksRepository } from './desks.repository';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { REFERENCE_CACHE_TTL_MS } from '../../database/reference-cache';

interface Cached {
  calendar: BusinessCalendar;
  at: number;
}

/**
 * Each desk's business calendar: national holidays and the year-end break (from libs/domain),
 * plus the desk's own hours and extra closures. Intake asks for it on every case, so it is
 * cached briefly; an admin's change applies at once on the instance that made it and on the
 * others within the TTL, the same bound as routing rules and SLA policies.
 */
@Injectable()
export class DeskCalendarService {
  static readonly TTL_MS = REFERENCE_CACHE_TTL_MS;
  private readonly cache = new Map<string, Cached>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly desks: DesksRepository,
  ) {}

  async calendarFor(
    deskId: string,
    db: EntityManager = this.dataSource.manager,
  ): Promise<BusinessCalendar> {
    const hit = this.cache.get(deskId);
    if (hit && Date.now() - hit.at < DeskCalendarService.TTL_MS) {
      return hit.calendar;
    }
    const desk = await this.desks.hours(deskId, db);
    const calendar = makeCalendar({
      openTime: desk?.open_time ?? '09:00',
      closeTime: desk?.close_time ?? '17:00',
      extraClosures: desk?.closures ?? [],
    });
    this.cache.set(deskId, { calendar, at: Date.now() });
    return calendar;
  }

  /** Drops a desk's cached calendar after an edit on this instance. */
  forget(deskId: string): void {
    this.cache.delete(deskId);
  }
}

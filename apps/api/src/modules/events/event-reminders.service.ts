import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { reminderMail } from './event-mails';
import { EventsRepository } from './events.repository';
import { EventsService } from './events.service';

// Per run; the rest go on the next tick (the job runs hourly on the day before).
const BATCH = 500;

/**
 * The day before (JST), reminds public registrants with a seat. Each registration is claimed
 * (reminded_at set) in the same transaction that queues its mail, so a repeated run, a retry or
 * a second instance sends nothing twice, and a run that fails sends nothing at all.
 */
@Injectable()
export class EventRemindersService {
  private readonly logger = new Logger(EventRemindersService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: EventsRepository,
    private readonly events: EventsService,
  ) {}

  async run(): Promise<number> {
    const sent = await this.dataSource.transaction(async (db) => {
      const due = await this.repository.claimReminders(db, BATCH);
      for (const row of due) {
        await this.events.mailRegistrant(db, 'event_reminder', row, reminderMail);
      }
      return due.length;
    });
    if (sent > 0) {
      this.logger.log(`${sent} event reminder(s)`);
    }
    return sent;
  }
}

import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CasesModule } from '../cases/cases.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { PublicInquiriesModule } from '../public-inquiries/public-inquiries.module';
import { AttendeeImportService } from './attendee-import.service';
import { EventRemindersService } from './event-reminders.service';
import { EventsController } from './events.controller';
import { EventsRepository } from './events.repository';
import { EventsService } from './events.service';
import {
  EventCancelPageController,
  PublicEventPageController,
  PublicEventsController,
} from './public-events.controller';
import { PublicEventsService } from './public-events.service';

/**
 * Outreach events: registrations with a waiting list, attendance, cases opened from attendees,
 * and the public registration page (behind the inquiry form's gate) with its mails.
 */
@Module({
  imports: [
    AuditModule,
    CasesModule,
    NotificationsModule,
    OrganizationsModule,
    PublicInquiriesModule,
  ],
  controllers: [
    EventsController,
    PublicEventsController,
    PublicEventPageController,
    EventCancelPageController,
  ],
  providers: [
    EventsRepository,
    EventsService,
    AttendeeImportService,
    PublicEventsService,
    EventRemindersService,
  ],
  exports: [EventsService, EventRemindersService],
})
export class EventsModule {}

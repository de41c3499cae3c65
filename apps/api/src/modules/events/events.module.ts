import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CasesModule } from '../cases/cases.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { AttendeeImportService } from './attendee-import.service';
import { EventsController } from './events.controller';
import { EventsRepository } from './events.repository';
import { EventsService } from './events.service';

/** Outreach events: registrations with a waiting list, attendance, cases opened from attendees. */
@Module({
  imports: [AuditModule, CasesModule, OrganizationsModule],
  controllers: [EventsController],
  providers: [EventsRepository, EventsService, AttendeeImportService],
  exports: [EventsService],
})
export class EventsModule {}

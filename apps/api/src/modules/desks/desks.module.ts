import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { DeskCalendarService } from './desk-calendar.service';
import { DesksController } from './desks.controller';
import { DesksRepository } from './desks.repository';
import { DesksService } from './desks.service';

/** Reference data every case feature builds on: desks, coverage, hours and closures. */
@Module({
  imports: [AuditModule],
  controllers: [DesksController],
  providers: [DesksService, DeskCalendarService, DesksRepository],
  exports: [DesksService, DeskCalendarService],
})
export class DesksModule {}

import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CasesModule } from '../cases/cases.module';
import { ExpertsModule } from '../experts/experts.module';
import { FollowUpsModule } from '../follow-ups/follow-ups.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { AllowanceController } from './allowance.controller';
import { AllowanceService } from './allowance.service';
import { CalendarController } from './calendar.controller';
import { CalendarRepository } from './calendar.repository';
import { CalendarService } from './calendar.service';
import { ExpertSuggestionsRepository } from './expert-suggestions.repository';
import { ExpertSuggestionsService } from './expert-suggestions.service';
import { SessionAllowanceModule } from './session-allowance.module';
import { SessionRemindersService } from './session-reminders.service';
import { SessionsController } from './sessions.controller';
import { SessionsRepository } from './sessions.repository';
import { SessionsService } from './sessions.service';

/** Expert sessions sit on top of cases and experts; nothing below depends on them. */
@Module({
  imports: [
    AuditModule,
    CasesModule,
    ExpertsModule,
    FollowUpsModule,
    NotificationsModule,
    OrganizationsModule,
    SessionAllowanceModule,
  ],
  controllers: [SessionsController, AllowanceController, CalendarController],
  providers: [
    SessionsService,
    SessionsRepository,
    AllowanceService,
    CalendarRepository,
    CalendarService,
    ExpertSuggestionsRepository,
    ExpertSuggestionsService,
    SessionRemindersService,
  ],
  exports: [AllowanceService, SessionRemindersService, SessionsService],
})
export class SessionsModule {}

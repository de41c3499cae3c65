import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CasesModule } from '../cases/cases.module';
import { DesksModule } from '../desks/desks.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { UsersModule } from '../users/users.module';
import { FollowUpRemindersService } from './follow-up-reminders.service';
import { FollowUpsController } from './follow-ups.controller';
import { FollowUpsRepository } from './follow-ups.repository';
import { FollowUpsService } from './follow-ups.service';

@Module({
  imports: [AuditModule, CasesModule, DesksModule, NotificationsModule, UsersModule],
  controllers: [FollowUpsController],
  providers: [FollowUpsService, FollowUpsRepository, FollowUpRemindersService],
  exports: [FollowUpsService, FollowUpRemindersService],
})
export class FollowUpsModule {}

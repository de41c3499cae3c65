import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { FollowUpReminderJob } from './follow-up-reminder.job';
import { JobsController } from './jobs.controller';
import { JobsService } from './jobs.service';
import { MailOutboxJob } from './mail-outbox.job';
import { SessionReminderJob } from './session-reminder.job';
import { SlaBreachJob } from './sla-breach.job';

@Module({
  imports: [NotificationsModule, CasesModule],
  controllers: [JobsController],
  providers: [JobsService, SlaBreachJob, FollowUpReminderJob, MailOutboxJob, SessionReminderJob],
  exports: [JobsService],
})
export class JobsModule {}

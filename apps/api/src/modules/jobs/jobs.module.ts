import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { EventsModule } from '../events/events.module';
import { FollowUpsModule } from '../follow-ups/follow-ups.module';
import { MailModule } from '../mail/mail.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { SessionsModule } from '../sessions/sessions.module';
import { StewardshipModule } from '../stewardship/stewardship.module';
import { SurveysModule } from '../surveys/surveys.module';
import { JobsController } from './jobs.controller';
import { JobsRepository } from './jobs.repository';
import { JobsService } from './jobs.service';

/** Schedules only: the work itself belongs to the module that owns the tables it touches. */
@Module({
  imports: [
    CasesModule,
    EventsModule,
    FollowUpsModule,
    MailModule,
    NotificationsModule,
    SessionsModule,
    SurveysModule,
    StewardshipModule,
  ],
  controllers: [JobsController],
  providers: [JobsRepository, JobsService],
  exports: [JobsService],
})
export class JobsModule {}

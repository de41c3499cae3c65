import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import {
  PublicSurveysController,
  SessionSurveysController,
  SurveyPageController,
} from './surveys.controller';
import { SurveysRepository } from './surveys.repository';
import { SurveysService } from './surveys.service';

/** The satisfaction survey after completed expert sessions. */
@Module({
  imports: [NotificationsModule],
  controllers: [SurveyPageController, PublicSurveysController, SessionSurveysController],
  providers: [SurveysRepository, SurveysService],
  exports: [SurveysService],
})
export class SurveysModule {}

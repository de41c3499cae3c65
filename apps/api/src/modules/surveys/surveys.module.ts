import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import {
  PublicSurveysController,
  SessionSurveysController,
  StaffSurveysController,
  SurveyPageController,
} from './surveys.controller';
import { SurveysRepository } from './surveys.repository';
import { SurveysService } from './surveys.service';

/** The satisfaction survey after completed expert sessions. */
@Module({
  imports: [AuditModule, NotificationsModule, OrganizationsModule],
  controllers: [
    SurveyPageController,
    PublicSurveysController,
    SessionSurveysController,
    StaffSurveysController,
  ],
  providers: [SurveysRepository, SurveysService],
  exports: [SurveysService],
})
export class SurveysModule {}

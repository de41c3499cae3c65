import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { InquiryPageController } from './inquiry-page.controller';
import { PublicInquiriesController } from './public-inquiries.controller';
import { PublicInquiriesRepository } from './public-inquiries.repository';
import { PublicGateService } from './public-gate.service';
import { PublicInquiriesService } from './public-inquiries.service';
import { SubmissionShieldService } from './submission-shield.service';

/** The public web inquiry form: its page, its anti-spam defences and its intake. */
@Module({
  imports: [CasesModule, NotificationsModule],
  controllers: [PublicInquiriesController, InquiryPageController],
  providers: [
    PublicInquiriesRepository,
    PublicInquiriesService,
    SubmissionShieldService,
    PublicGateService,
  ],
  // The gate and the shield guard the events' public registration page too.
  exports: [PublicGateService, SubmissionShieldService],
})
export class PublicInquiriesModule {}

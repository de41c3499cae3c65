import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { InquiryPageController } from './inquiry-page.controller';
import { PublicInquiriesController } from './public-inquiries.controller';
import { PublicInquiriesRepository } from './public-inquiries.repository';
import { PublicInquiriesService } from './public-inquiries.service';
import { SubmissionShieldService } from './submission-shield.service';

/** The public web inquiry form: its page, its anti-spam defences and its intake. */
@Module({
  imports: [CasesModule, NotificationsModule],
  controllers: [PublicInquiriesController, InquiryPageController],
  providers: [PublicInquiriesRepository, PublicInquiriesService, SubmissionShieldService],
})
export class PublicInquiriesModule {}

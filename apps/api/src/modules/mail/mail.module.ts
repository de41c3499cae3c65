import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CasesModule } from '../cases/cases.module';
import { DesksModule } from '../desks/desks.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { MailController } from './mail.controller';
import { MailIngestService } from './mail-ingest.service';
import { MailMessagesService } from './mail-messages.service';
import { MailPollerService } from './mail-poller.service';
import { MailRepliesService } from './mail-replies.service';
import { MailRepository } from './mail.repository';
import { MailboxesService } from './mailboxes.service';

/** The email channel: mailboxes, inbound mail into cases, and their messages and attachments. */
@Module({
  imports: [AuditModule, CasesModule, DesksModule, NotificationsModule, OrganizationsModule],
  controllers: [MailController],
  providers: [
    MailRepository,
    MailboxesService,
    MailIngestService,
    MailMessagesService,
    MailPollerService,
    MailRepliesService,
  ],
  exports: [MailIngestService, MailPollerService, MailRepliesService],
})
export class MailModule {}

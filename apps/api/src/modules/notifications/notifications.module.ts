import { Module } from '@nestjs/common';
import { MailOutboxService } from './mail-outbox.service';
import { MailService } from './mail.service';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';

@Module({
  controllers: [NotificationsController],
  providers: [NotificationsService, MailService, MailOutboxService],
  exports: [NotificationsService, MailService, MailOutboxService],
})
export class NotificationsModule {}

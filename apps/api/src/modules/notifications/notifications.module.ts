import { Module } from '@nestjs/common';
import { MailOutboxService } from './mail-outbox.service';
import { MailService } from './mail.service';
import { NotificationsController } from './notifications.controller';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';

@Module({
  controllers: [NotificationsController],
  providers: [NotificationsRepository, NotificationsService, MailService, MailOutboxService],
  exports: [NotificationsService, MailService, MailOutboxService],
})
export class NotificationsModule {}

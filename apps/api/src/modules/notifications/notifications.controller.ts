import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../../common/auth/current-principal.decorator';
import { SignedIn } from '../../common/auth/policy';
import type { Principal } from '../../common/auth/principal';
import { validationError } from '../../common/errors/app-error';
import { NotificationListDto } from './dto/notification.dto';
import { NotificationsService } from './notifications.service';

@ApiTags('notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @SignedIn()
  @ApiOperation({
    operationId: 'notificationsList',
    summary: 'My latest notifications and the unread count',
  })
  @ApiOkResponse({ type: NotificationListDto })
  list(@CurrentPrincipal() principal: Principal): Promise<NotificationListDto> {
    return this.notifications.list(principal);
  }

  @Post('read-all')
  @SignedIn()
  @HttpCode(204)
  @ApiOperation({ operationId: 'notificationsReadAll', summary: 'Mark all my notifications read' })
  @ApiNoContentResponse()
  async readAll(@CurrentPrincipal() principal: Principal): Promise<void> {
    await this.notifications.markAllRead(principal);
  }

  @Post(':id/read')
  @SignedIn()
  @HttpCode(204)
  @ApiOperation({ operationId: 'notificationsRead', summary: 'Mark one notification read' })
  @ApiNoContentResponse()
  async read(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<void> {
    if (!/^\d{1,18}$/.test(id)) {
      throw validationError('id', 'must be a notification id');
    }
    await this.notifications.markRead(id, principal);
  }
}

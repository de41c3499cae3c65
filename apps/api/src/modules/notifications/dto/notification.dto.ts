import { ApiProperty } from '@nestjs/swagger';

export const NOTIFICATION_KINDS = [
  'assigned',
  'sla_breach',
  'follow_up_due',
  'session_tomorrow',
  'transfer_requested',
  'transfer_bounced',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export class NotificationDto {
  @ApiProperty()
  id!: string;

  @ApiProperty({ enum: NOTIFICATION_KINDS })
  kind!: NotificationKind;

  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  caseId!: string | null;

  @ApiProperty()
  title!: string;

  @ApiProperty()
  body!: string;

  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  readAt!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class NotificationListDto {
  @ApiProperty({ type: [NotificationDto] })
  items!: NotificationDto[];

  @ApiProperty({ description: 'All unread notifications, not only those on this page' })
  unread!: number;
}

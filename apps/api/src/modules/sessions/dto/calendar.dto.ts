import { ApiProperty } from '@nestjs/swagger';

export class CalendarTokenDto {
  @ApiProperty({
    example: '/api/calendar/3q2-7wEXAMPLE.ics',
    description:
      'The private feed, relative to the server. Shown only in this answer; anyone with it can read the calendar until it is revoked.',
  })
  url!: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

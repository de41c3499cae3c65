import { ApiProperty } from '@nestjs/swagger';

/** Every report says when its figures were current (a reporting replica may be behind). */
export class DataAsOfDto {
  @ApiProperty({
    format: 'date-time',
    description:
      'The figures include every change committed before this instant: now when read from the ' +
      'primary, the last replayed change when read from a reporting replica that is behind.',
  })
  // Set by the report output for every answer; the services computing the figures leave it out.
  dataAsOf?: string;
}

import { ApiProperty } from '@nestjs/swagger';
import { SavedViewDto } from '../../cases/dto/saved-view.dto';

export class SavedViewCountDto extends SavedViewDto {
  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      'Cases the view shows now, counted up to 1000 (more shows as 1000); null for a view with a text search',
  })
  count!: number | null;
}

export class MyWorkDto {
  @ApiProperty({ description: 'Open cases assigned to me (the case list’s view=mine)' })
  myOpenCases!: number;

  @ApiProperty({ description: 'Open follow-ups assigned to me, due before today (Tokyo)' })
  overdueFollowUps!: number;

  @ApiProperty({ description: 'Cases offered to my desk by a transfer (view=incoming)' })
  incomingTransfers!: number;

  @ApiProperty({ description: 'Scheduled expert sessions today (Tokyo) on cases assigned to me' })
  sessionsToday!: number;

  @ApiProperty({
    description:
      'Open cases of my desk (all I may see without one), not yet overdue, with a first response or resolution due within 24 hours (view=at_risk)',
  })
  slaAtRisk!: number;

  @ApiProperty({ type: String, nullable: true, description: 'The desk slaAtRisk counts, if any' })
  deskId!: string | null;

  @ApiProperty({ type: [SavedViewCountDto] })
  savedViews!: SavedViewCountDto[];
}

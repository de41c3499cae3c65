import { SESSION_KINDS } from '@madoguchi/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { ExpertDto } from '../../experts/dto/expert.dto';
import { SessionAllowanceDto } from '../../organizations/dto/organization.dto';
import { SUGGESTION_REASON_CODES } from '../expert-ranking';

export class SuggestionQueryDto {
  @ApiPropertyOptional({
    example: '2026-12-01',
    description: 'The day the session is wanted (JST); today when omitted',
  })
  @IsOptional()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'must be YYYY-MM-DD' })
  date?: string;
}

export class SuggestionReasonDto {
  @ApiProperty({ enum: SUGGESTION_REASON_CODES, enumName: 'SuggestionReasonCode' })
  code!: string;

  @ApiProperty({ example: 'LAB.TIME (1 of 2)' })
  detail!: string;
}

export class ExpertSuggestionDto {
  @ApiProperty({ type: ExpertDto })
  expert!: ExpertDto;

  @ApiProperty({ example: 85, description: '0–100; the list is sorted by it, best first' })
  score!: number;

  @ApiProperty({ type: [SuggestionReasonDto] })
  reasons!: SuggestionReasonDto[];

  @ApiProperty({ description: 'Non-cancelled sessions in the month of the date' })
  sessionsThisMonth!: number;

  @ApiProperty({ description: 'Unbooked minutes within desk hours (9:00–17:00 JST) on the date' })
  freeMinutesOnDate!: number;
}

export class ExpertSuggestionListDto {
  @ApiProperty({ example: '2026-12-01' })
  date!: string;

  @ApiProperty({
    enum: SESSION_KINDS,
    enumName: 'SessionKind',
    description: 'The kind the next session most likely is, from the organization’s sessions',
  })
  suggestedKind!: string;

  @ApiProperty({ type: SessionAllowanceDto })
  sessionAllowance!: SessionAllowanceDto;

  @ApiProperty({ type: [ExpertSuggestionDto] })
  items!: ExpertSuggestionDto[];
}

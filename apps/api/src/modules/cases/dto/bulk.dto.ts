import { CASE_OUTCOMES } from '@madoguchi/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';

export class BulkCaseActionDto {
  @ApiProperty({ type: [String], format: 'uuid', maxItems: 200 })
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  ids!: string[];

  @ApiProperty({ enum: ['assign', 'close'] })
  @IsIn(['assign', 'close'])
  action!: 'assign' | 'close';

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    format: 'uuid',
    description: 'assign: null unassigns',
  })
  @ValidateIf((o: BulkCaseActionDto) => o.action === 'assign' && o.assigneeId !== null)
  @IsUUID()
  assigneeId?: string | null;

  @ApiPropertyOptional({ enum: CASE_OUTCOMES, description: 'close: required' })
  @ValidateIf((o: BulkCaseActionDto) => o.action === 'close')
  @IsIn(CASE_OUTCOMES)
  outcome?: (typeof CASE_OUTCOMES)[number];

  @ApiPropertyOptional({ format: 'date', description: 'close: required' })
  @ValidateIf((o: BulkCaseActionDto) => o.action === 'close')
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date YYYY-MM-DD' })
  outcomeConfirmedOn?: string;

  @ApiPropertyOptional({ description: 'close with not_adopted: required' })
  @ValidateIf((o: BulkCaseActionDto) => o.action === 'close' && o.outcome === 'not_adopted')
  @IsString()
  @MaxLength(2000)
  notAdoptedReason?: string;

  @ApiPropertyOptional({ description: 'For the timeline of each case' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class BulkResultDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  ok!: boolean;

  @ApiPropertyOptional({ description: 'The error code when this case was not changed' })
  code?: string;

  @ApiPropertyOptional()
  message?: string;
}

export class BulkResultListDto {
  @ApiProperty({ type: [BulkResultDto] })
  results!: BulkResultDto[];
}

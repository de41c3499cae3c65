import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, IsUUID, MaxLength, Min } from 'class-validator';
import { OrganizationDto, SessionAllowanceDto } from '../../organizations/dto/organization.dto';

export class MergeOrganizationDto {
  @ApiProperty({
    format: 'uuid',
    description: 'The duplicate to fold into this organization; it is kept as a tombstone',
  })
  @IsUUID()
  duplicateId!: string;

  @ApiProperty({ description: 'The version of this (surviving) organization you saw' })
  @IsInt()
  @Min(1)
  version!: number;

  @ApiPropertyOptional({ description: 'Why they are the same organization (kept in the audit)' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

export class MergePreviewQueryDto {
  @ApiProperty({ format: 'uuid', description: 'The organization that survives the merge' })
  @IsUUID()
  into!: string;
}

export class MergeCountsDto {
  @ApiProperty()
  contacts!: number;

  @ApiProperty()
  cases!: number;

  @ApiProperty()
  sessions!: number;
}

export class MergeMovesDto extends MergeCountsDto {
  @ApiProperty({ description: 'Extra-session grants that move with the duplicate' })
  grants!: number;
}

export class MergePreviewDto {
  @ApiProperty({ type: OrganizationDto, description: 'The duplicate, which becomes a tombstone' })
  source!: OrganizationDto;

  @ApiProperty({ type: OrganizationDto, description: 'The organization that survives' })
  target!: OrganizationDto;

  @ApiProperty({ type: MergeMovesDto })
  moves!: MergeMovesDto;

  @ApiProperty({
    type: [String],
    description: 'Fields the survivor lacks and takes from the duplicate',
  })
  fills!: string[];

  @ApiProperty({
    type: SessionAllowanceDto,
    description: 'The survivor’s free-session allowance once the sessions and grants have moved',
  })
  allowanceAfter!: SessionAllowanceDto;

  @ApiProperty({
    description: 'The merged organization would have used more sessions than it is allowed',
  })
  overAllowance!: boolean;
}

export class MergeResultDto {
  @ApiProperty({ type: OrganizationDto })
  organization!: OrganizationDto;

  @ApiProperty({ description: 'How many rows moved from the duplicate, by kind' })
  moved!: MergeCountsDto;
}

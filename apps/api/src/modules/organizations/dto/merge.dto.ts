import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, IsUUID, MaxLength, Min } from 'class-validator';
import { OrganizationDto } from './organization.dto';

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

export class MergeCountsDto {
  @ApiProperty()
  contacts!: number;

  @ApiProperty()
  cases!: number;

  @ApiProperty()
  sessions!: number;
}

export class MergeResultDto {
  @ApiProperty({ type: OrganizationDto })
  organization!: OrganizationDto;

  @ApiProperty({ description: 'How many rows moved from the duplicate, by kind' })
  moved!: MergeCountsDto;
}

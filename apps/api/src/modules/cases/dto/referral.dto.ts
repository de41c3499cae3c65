import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

export class ReferralProgramDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'mhlw.jinzai-kakuho.telework' })
  code!: string;

  @ApiProperty({ example: 2026, description: 'Fiscal year (April–March) of these terms' })
  fiscalYear!: number;

  @ApiProperty({ enum: ['mhlw', 'mic', 'tokyo', 'chamber', 'other'] })
  provider!: string;

  @ApiProperty({ enum: ['subsidy', 'consultation', 'support_center', 'award', 'guideline'] })
  kind!: string;

  @ApiProperty()
  nameJa!: string;

  @ApiProperty()
  nameEn!: string;

  @ApiProperty()
  summaryJa!: string;

  @ApiProperty()
  active!: boolean;
}

export class ReferralProgramListDto {
  @ApiProperty({ type: [ReferralProgramDto] })
  items!: ReferralProgramDto[];
}

export class CreateReferralDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  programId!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class ReferralDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ type: ReferralProgramDto })
  program!: ReferralProgramDto;

  @ApiProperty()
  note!: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class ReferralListDto {
  @ApiProperty({ type: [ReferralDto] })
  items!: ReferralDto[];
}

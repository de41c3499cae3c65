import { ALLOWANCE_PERIODS } from '@madoguchi/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';

export class SessionSettingsDto {
  @ApiProperty({ example: 3, description: 'Free sessions per organization (per period)' })
  limit!: number;

  @ApiProperty({
    enum: ALLOWANCE_PERIODS,
    enumName: 'AllowancePeriod',
    description: 'lifetime: once per organization; fiscal_year: renewed every April (JST)',
  })
  period!: string;

  @ApiProperty()
  version!: number;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

export class UpdateSessionSettingsDto {
  @ApiProperty({ description: 'The version the client saw' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version!: number;

  @ApiPropertyOptional({ example: 3, minimum: 0, maximum: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(20)
  limit?: number;

  @ApiPropertyOptional({ enum: ALLOWANCE_PERIODS, enumName: 'AllowancePeriod' })
  @IsOptional()
  @IsIn(ALLOWANCE_PERIODS)
  period?: (typeof ALLOWANCE_PERIODS)[number];
}

export class CreateSessionGrantDto {
  @ApiProperty({
    example: '導入後の就業規則改定に追加の助言が必要',
    description: 'Why this organization gets one more free session',
  })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(1, 1000)
  reason!: string;
}

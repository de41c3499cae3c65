import { DataAsOfDto } from './data-as-of.dto';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsInt, IsNumber, IsOptional, IsString, Length, Max, Min } from 'class-validator';

export class OutcomeRowDto {
  @ApiProperty({ example: 'kanto', description: "Block, industry or size band code; '*' = all" })
  key!: string;

  @ApiProperty({ description: 'Closed cases' })
  closed!: number;

  @ApiProperty()
  adopted!: number;

  @ApiProperty()
  planned!: number;

  @ApiProperty()
  notAdopted!: number;

  @ApiProperty({ description: 'Closed with outcome unknown: not in the rate' })
  unknown!: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'adopted ÷ (adopted + planned + not adopted), %',
  })
  adoptionRatePercent!: number | null;
}

export class ReportTargetDto {
  @ApiProperty({ example: 'national_fy2025' })
  code!: string;

  @ApiProperty({ enum: ['target', 'measured'] })
  kind!: string;

  @ApiProperty({ enum: ['national', 'regional', 'urban'] })
  area!: string;

  @ApiProperty({ example: 2025 })
  year!: number;

  @ApiProperty({ example: 55.2 })
  ratePercent!: number;

  @ApiProperty()
  labelJa!: string;

  @ApiProperty()
  labelEn!: string;

  @ApiProperty()
  version!: number;
}

export const TARGETS_NOTE_JA =
  '参考値: 政府目標・実績は総務省調査(常用雇用者100人以上の企業)の導入率であり、中小企業中心の相談実績とは母集団が異なります。';
export const TARGETS_NOTE_EN =
  'Reference figures only: the government targets and the measured rate come from the MIC ' +
  'survey of firms with 100+ employees, a different population from an SME caseload.';

export class ReportTargetListDto {
  @ApiProperty({ type: [ReportTargetDto] })
  items!: ReportTargetDto[];

  @ApiProperty({ example: TARGETS_NOTE_EN })
  note!: string;

  @ApiProperty({ example: TARGETS_NOTE_JA })
  noteJa!: string;
}

export class UpdateReportTargetDto {
  @ApiProperty({ description: 'The version you saw' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version!: number;

  @ApiPropertyOptional({ example: 55.2 })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(100)
  ratePercent?: number;

  @ApiPropertyOptional({ example: 2025 })
  @IsOptional()
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(1, 200)
  labelJa?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(1, 200)
  labelEn?: string;
}

export class OutcomesReportDto extends DataAsOfDto {
  @ApiProperty({ type: OutcomeRowDto })
  total!: OutcomeRowDto;

  @ApiProperty({ type: [OutcomeRowDto], description: 'By eight-region block' })
  byBlock!: OutcomeRowDto[];

  @ApiProperty({ type: [OutcomeRowDto], description: 'By JSIC major group' })
  byIndustry!: OutcomeRowDto[];

  @ApiProperty({ type: [OutcomeRowDto], description: 'By employee band' })
  bySizeBand!: OutcomeRowDto[];

  @ApiProperty({ type: ReportTargetListDto, description: 'Reference figures (firms with 100+)' })
  targets!: ReportTargetListDto;
}

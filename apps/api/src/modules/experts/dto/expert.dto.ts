import { EXPERT_QUALIFICATIONS, TOPIC_CATEGORIES, TOPICS } from '@madoguchi/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';

const TOPIC_CODES = TOPICS.map((t) => t.code);
const TOPIC_FILTER_CODES = [...TOPIC_CATEGORIES.map((c) => c.code), ...TOPIC_CODES];
const PREFECTURE = /^(0[1-9]|[1-3][0-9]|4[0-7])$/;

/** Fields an admin sets on a profile; all optional on update. */
export class ExpertFieldsDto {
  @ApiPropertyOptional({
    enum: EXPERT_QUALIFICATIONS,
    enumName: 'ExpertQualification',
    isArray: true,
    example: ['sharoushi'],
  })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(EXPERT_QUALIFICATIONS, { each: true })
  qualifications?: string[];

  @ApiPropertyOptional({
    type: [String],
    example: ['LAB.RULES', 'LAB.TIME'],
    description: 'Topic codes the expert advises on',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(TOPIC_CODES.length)
  @ArrayUnique()
  @IsIn(TOPIC_CODES, {
    each: true,
    message: 'each value must be a known topic code such as LAB.TIME',
  })
  specialties?: string[];

  @ApiPropertyOptional({
    type: [String],
    example: ['13', '14'],
    description: 'Prefectures (JIS X 0401) the expert visits on site',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(47)
  @ArrayUnique()
  @Matches(PREFECTURE, { each: true, message: 'each value must be a prefecture code 01–47' })
  prefectures?: string[];

  @ApiPropertyOptional({ example: 8, description: 'Sessions the expert takes in a month' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(200)
  capacityPerMonth?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class CreateExpertDto extends ExpertFieldsDto {
  @ApiProperty({ format: 'uuid', description: 'An active user with the expert role' })
  @IsUUID()
  userId!: string;
}

export class UpdateExpertDto extends ExpertFieldsDto {
  @ApiProperty({ description: 'The version the client saw' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version!: number;
}

export class ExpertQueryDto {
  @ApiPropertyOptional({
    example: 'LAB.TIME',
    description: 'A topic code, or a category (LAB, ICT) for any topic in it',
  })
  @IsOptional()
  @IsIn(TOPIC_FILTER_CODES, { message: 'must be a known topic or category code' })
  topic?: string;

  @ApiPropertyOptional({ example: '13' })
  @IsOptional()
  @Matches(PREFECTURE, { message: 'must be a prefecture code 01–47' })
  prefectureCode?: string;

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  )
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ description: 'Part of the name or email' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class ExpertDto {
  @ApiProperty({ format: 'uuid', description: 'The expert profile; sessions name it as expertId' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  userId!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty()
  email!: string;

  @ApiProperty({ enum: EXPERT_QUALIFICATIONS, enumName: 'ExpertQualification', isArray: true })
  qualifications!: string[];

  @ApiProperty({ type: [String] })
  specialties!: string[];

  @ApiProperty({ type: [String] })
  prefectures!: string[];

  @ApiProperty()
  capacityPerMonth!: number;

  @ApiProperty({ description: 'Inactive experts keep their history but take no new sessions' })
  active!: boolean;

  @ApiProperty()
  version!: number;
}

export class ExpertListDto {
  @ApiProperty({ type: [ExpertDto] })
  items!: ExpertDto[];
}

import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';

const CHANNELS = ['phone', 'email', 'web', 'walk_in', 'seminar', 'chamber_referral'] as const;
export const ROUTING_TARGETS = ['desk', 'coverage', 'logger_desk'] as const;
export type RoutingTarget = (typeof ROUTING_TARGETS)[number];

export class RoutingRuleDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ description: 'Rules are tried in ascending position; the first match wins' })
  position!: number;

  @ApiProperty()
  name!: string;

  @ApiProperty()
  active!: boolean;

  @ApiProperty({ enum: CHANNELS, isArray: true, nullable: true, description: 'null = any' })
  channels!: string[] | null;

  @ApiProperty({ type: [String], nullable: true })
  prefectureCodes!: string[] | null;

  @ApiProperty({ type: [String], nullable: true, description: 'Topic codes or categories (LAB)' })
  topicCodes!: string[] | null;

  @ApiProperty({ type: [String], nullable: true })
  industryCodes!: string[] | null;

  @ApiProperty({ type: Boolean, nullable: true })
  sme!: boolean | null;

  @ApiProperty({
    enum: ['national', 'regional'],
    nullable: true,
    description: 'Where the case was logged',
  })
  loggedAt!: 'national' | 'regional' | null;

  @ApiProperty({
    enum: ROUTING_TARGETS,
    description:
      'desk = deskId; coverage = the regional desk covering the prefecture; logger_desk = where it was logged',
  })
  target!: RoutingTarget;

  @ApiProperty({ type: String, nullable: true })
  deskId!: string | null;

  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  assigneeId!: string | null;

  @ApiProperty()
  version!: number;
}

export class RoutingRuleListDto {
  @ApiProperty({ type: [RoutingRuleDto] })
  items!: RoutingRuleDto[];
}

export class CreateRoutingRuleDto {
  @ApiProperty()
  @IsInt()
  @Min(0)
  @Max(100000)
  position!: number;

  @ApiProperty()
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ enum: CHANNELS, isArray: true, nullable: true })
  @IsOptional()
  @ArrayMaxSize(10)
  @IsIn(CHANNELS, { each: true })
  channels?: string[] | null;

  @ApiPropertyOptional({ type: [String], nullable: true })
  @IsOptional()
  @ArrayMaxSize(47)
  @Matches(/^(0[1-9]|[1-3][0-9]|4[0-7])$/, {
    each: true,
    message: 'must be prefecture codes 01–47',
  })
  prefectureCodes?: string[] | null;

  @ApiPropertyOptional({ type: [String], nullable: true })
  @IsOptional()
  @ArrayMaxSize(50)
  @Matches(/^[A-Z]+(\.[A-Z]+)?$/, { each: true, message: 'must be topic codes or categories' })
  topicCodes?: string[] | null;

  @ApiPropertyOptional({ type: [String], nullable: true })
  @IsOptional()
  @ArrayMaxSize(20)
  @Matches(/^[A-T]$/, { each: true, message: 'must be JSIC major groups A–T' })
  industryCodes?: string[] | null;

  @ApiPropertyOptional({ type: Boolean, nullable: true })
  @IsOptional()
  @IsBoolean()
  sme?: boolean | null;

  @ApiPropertyOptional({ enum: ['national', 'regional'], nullable: true })
  @IsOptional()
  @IsIn(['national', 'regional'])
  loggedAt?: 'national' | 'regional' | null;

  @ApiProperty({ enum: ROUTING_TARGETS })
  @IsIn(ROUTING_TARGETS)
  target!: RoutingTarget;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Required when target = desk' })
  @ValidateIf(
    (o: CreateRoutingRuleDto) =>
      o.target === 'desk' || (o.deskId !== undefined && o.deskId !== null),
  )
  @Matches(/^[a-z][a-z0-9_]{1,31}$/, { message: 'must be a desk id' })
  deskId?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid' })
  @IsOptional()
  @IsUUID()
  assigneeId?: string | null;
}

export class UpdateRoutingRuleDto extends PartialType(CreateRoutingRuleDto) {
  @ApiProperty({ description: 'The version you saw' })
  @IsInt()
  @Min(1)
  version!: number;
}

export class RouteResultDto {
  @ApiProperty()
  deskId!: string;

  @ApiProperty({ type: String, nullable: true })
  assigneeId!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The rule that matched, if any' })
  ruleId!: string | null;
}

export class SlaPolicyDto {
  @ApiProperty({ enum: CHANNELS })
  channel!: string;

  @ApiProperty({ type: Number, nullable: true, description: 'null = answered on contact' })
  firstResponseBusinessHours!: number | null;

  @ApiProperty()
  resolutionBusinessDays!: number;
}

export class SlaPolicyListDto {
  @ApiProperty({ type: [SlaPolicyDto] })
  items!: SlaPolicyDto[];
}

export class UpdateSlaPolicyDto {
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'null = answered on contact' })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0.25)
  @Max(1000)
  firstResponseBusinessHours?: number | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(365)
  resolutionBusinessDays?: number;
}

import { ATTENDEE_FIELDS } from '@madoguchi/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBase64,
  IsBoolean,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

const column = (): PropertyDecorator => {
  const decorators = [
    ApiPropertyOptional({ minimum: 0, description: 'Column index (0 = first)' }),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(0),
    Max(199),
  ];
  return (target, key) => decorators.forEach((d) => d(target, key));
};

/** Which column each field is read from; a field left out is auto-mapped from the headers. */
export class AttendeeMappingDto {
  @column() organizationName?: number;
  @column() corporateNumber?: number;
  @column() name?: number;
  @column() nameKana?: number;
  @column() phone?: number;
  @column() email?: number;
  @column() employees?: number;
  @column() address?: number;
}

export class ImportAttendeesDto {
  @ApiProperty({ example: 'attendees.csv' })
  @IsString()
  @Length(1, 255)
  fileName!: string;

  @ApiProperty({
    description:
      'The file (CSV in UTF-8 with or without BOM or Shift_JIS/CP932, or xlsx), base64; within the request body limit',
  })
  @IsString()
  @MaxLength(8_000_000)
  @IsBase64()
  contentBase64!: string;

  @ApiPropertyOptional({ type: AttendeeMappingDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => AttendeeMappingDto)
  mapping?: AttendeeMappingDto;
}

export class ImportQueryDto {
  @ApiPropertyOptional({ description: 'true: decide every row and write nothing' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  )
  @IsBoolean()
  dryRun?: boolean;
}

export const IMPORT_ACTIONS = ['create', 'match', 'reject'] as const;

export class ImportRowDto {
  @ApiProperty({ description: 'Line in the file (1-based; the header is a line too)' })
  line!: number;

  @ApiProperty({ enum: IMPORT_ACTIONS, enumName: 'ImportAction' })
  action!: (typeof IMPORT_ACTIONS)[number];

  @ApiProperty({ type: String, nullable: true }) organizationName!: string | null;
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
  @ApiProperty({ type: String, nullable: true }) email!: string | null;
  @ApiProperty({ type: String, nullable: true }) phone!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Matched or created' })
  organizationId!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The organization on file it matched' })
  matchedOrganizationName!: string | null;

  @ApiProperty({
    type: [String],
    description: 'Why it matched: email (a contact’s address) or intake’s duplicate rules',
  })
  matchedOn!: string[];

  @ApiProperty({ type: [String], description: 'Reject reasons (codes)' })
  reasons!: string[];

  @ApiProperty({
    enum: ['registered', 'waitlisted'],
    nullable: true,
    description: 'What the registration became',
  })
  registrationStatus!: 'registered' | 'waitlisted' | null;
}

export class ImportTotalsDto {
  @ApiProperty() rows!: number;
  @ApiProperty() create!: number;
  @ApiProperty() match!: number;
  @ApiProperty() reject!: number;
}

export class AttendeeImportResultDto {
  @ApiProperty() dryRun!: boolean;
  @ApiProperty({ enum: ['csv', 'xlsx'] }) format!: string;
  @ApiProperty({ type: String, nullable: true, enum: ['utf8', 'cp932'] }) encoding!: string | null;
  @ApiProperty({ type: [String] }) headers!: string[];
  @ApiProperty({ type: AttendeeMappingDto, description: 'The mapping used' })
  mapping!: AttendeeMappingDto;
  @ApiProperty({
    type: [String],
    enum: ATTENDEE_FIELDS,
    description: 'Required fields left unmapped',
  })
  unmapped!: string[];
  @ApiProperty({ type: ImportTotalsDto }) totals!: ImportTotalsDto;
  @ApiProperty({ type: [ImportRowDto] }) rows!: ImportRowDto[];
  @ApiProperty({
    description:
      'The rejected rows as CSV (UTF-8 with BOM, for Excel): the original cells and 理由',
  })
  rejectedCsv!: string;
}

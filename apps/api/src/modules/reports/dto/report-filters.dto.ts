import { CHANNELS } from '@madoguchi/domain';
import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsIn,
  IsOptional,
  Matches,
  registerDecorator,
  type ValidationOptions,
} from 'class-validator';

export const REPORT_FORMATS = ['json', 'csv', 'xlsx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date 'YYYY-MM-DD' (2026-02-30 fails). */
export const isCalendarDate = (value: unknown): value is string => {
  const m = typeof value === 'string' ? YMD.exec(value) : null;
  return (
    m !== null &&
    new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))).toISOString().slice(0, 10) ===
      value
  );
};

function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: 'must be a date YYYY-MM-DD', ...options },
      validator: { validate: isCalendarDate },
    });
}

/** `to` may not come before `from` (both inclusive days, so equal is one day). */
function IsNotBefore(property: string, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isNotBefore',
      target: target.constructor,
      propertyName: propertyName as string,
      constraints: [property],
      options: { message: `must not be before ${property}`, ...options },
      validator: {
        validate: (value: unknown, args) => {
          const other = (args?.object as Record<string, unknown>)[property];
          return !isCalendarDate(value) || !isCalendarDate(other) || value >= other;
        },
      },
    });
}

/**
 * The filters every report takes. Dates are Tokyo calendar days, both inclusive; they select
 * cases by the day they were received (session figures: by the session's day).
 */
export class ReportFiltersDto {
  @ApiPropertyOptional({
    format: 'date',
    example: '2026-04-01',
    description: 'First day (JST), inclusive',
  })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({
    format: 'date',
    example: '2027-03-31',
    description: 'Last day (JST), inclusive',
  })
  @IsOptional()
  @IsCalendarDate()
  @IsNotBefore('from')
  to?: string;

  @ApiPropertyOptional({ example: 'kanto' })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9_]{1,31}$/, { message: 'must be a desk id' })
  deskId?: string;

  @ApiPropertyOptional({ example: '13', description: "The organization's prefecture" })
  @IsOptional()
  @Matches(/^(0[1-9]|[1-3][0-9]|4[0-7])$/, { message: 'must be a prefecture code 01–47' })
  prefectureCode?: string;

  @ApiPropertyOptional({ enum: CHANNELS })
  @IsOptional()
  @IsIn(CHANNELS)
  channel?: string;

  @ApiPropertyOptional({ description: 'A topic code (LAB.TIME) or a category (LAB)' })
  @IsOptional()
  @Matches(/^[A-Z]+(\.[A-Z]+)?$/, { message: 'must be a topic code or category' })
  topic?: string;

  @ApiPropertyOptional({ example: 'I', description: 'JSIC major group of the organization' })
  @IsOptional()
  @Matches(/^[A-T]$/, { message: 'must be a JSIC major group A–T' })
  industryCode?: string;

  @ApiPropertyOptional({ enum: ['true', 'false', 'unknown'] })
  @IsOptional()
  @IsIn(['true', 'false', 'unknown'])
  sme?: 'true' | 'false' | 'unknown';
}

export class ReportQueryDto extends ReportFiltersDto {
  @ApiPropertyOptional({
    enum: REPORT_FORMATS,
    default: 'json',
    description:
      'csv: UTF-8 with BOM, CRLF, Japanese headers, formula-like cells neutralised; a report ' +
      'with several tables puts them one after another, each under a ■ title line. ' +
      'xlsx: one worksheet per table. Both are downloads and are audited.',
  })
  @IsOptional()
  @IsIn(REPORT_FORMATS)
  format?: ReportFormat;
}

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export class CaseExportQueryDto extends ReportFiltersDto {
  @ApiPropertyOptional({ enum: EXPORT_FORMATS, default: 'csv' })
  @IsOptional()
  @IsIn(EXPORT_FORMATS)
  format?: ExportFormat;
}

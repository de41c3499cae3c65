import { applyDecorators, Header, type Type } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiProduces, getSchemaPath } from '@nestjs/swagger';
import { CONTENT_TYPES } from './report-render';

const XLSX = CONTENT_TYPES.xlsx;

/** JSON by default; the same figures as CSV or xlsx with format=. Never cached. */
export const ReportResponse = (dto: Type<unknown>): MethodDecorator =>
  applyDecorators(
    Header('cache-control', 'no-store'),
    ApiExtraModels(dto),
    ApiProduces('application/json', 'text/csv', XLSX),
    ApiOkResponse({
      description: 'JSON; with format=csv or format=xlsx a download (audited)',
      content: {
        'application/json': { schema: { $ref: getSchemaPath(dto) } },
        'text/csv': { schema: { type: 'string' } },
        [XLSX]: { schema: { type: 'string', format: 'binary' } },
      },
    }),
  );

/** A download only (CSV or xlsx). */
export const DownloadResponse = (types: ('csv' | 'xlsx')[], description: string): MethodDecorator =>
  applyDecorators(
    Header('cache-control', 'no-store'),
    ApiProduces(...types.map((t) => (t === 'csv' ? 'text/csv' : XLSX))),
    ApiOkResponse({
      description,
      content: Object.fromEntries(
        types.map((t) => [
          t === 'csv' ? 'text/csv' : XLSX,
          { schema: t === 'csv' ? { type: 'string' } : { type: 'string', format: 'binary' } },
        ]),
      ),
    }),
  );

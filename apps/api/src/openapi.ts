import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { ErrorBodyDto, FieldErrorDto } from './common/errors/error-body.dto';

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Madoguchi API')
    .setDescription(
      'Case management for the telework consultation desks (テレワーク相談窓口). ' +
        'Every error answers `{ statusCode, code, message, details?, errorId? }`.',
    )
    .setVersion('0.1.0')
    .addCookieAuth(
      'madoguchi_session',
      { type: 'apiKey', in: 'cookie', name: 'madoguchi_session' },
      'session',
    )
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', description: 'An API token from an admin (mdg_…)' },
      'token',
    )
    .build();
  return SwaggerModule.createDocument(app, config, {
    extraModels: [ErrorBodyDto, FieldErrorDto],
    operationIdFactory: (controllerKey, methodKey) =>
      `${controllerKey.replace(/Controller$/, '')}_${methodKey}`,
  });
}

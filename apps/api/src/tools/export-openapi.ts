import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { writeFileSync } from 'node:fs';
import { AppModule } from '../app.module';
import { parseEnv } from '../config/app-env';
import { toSettings } from '../config/settings';
import { API_PREFIX } from '../create-app';
import { buildOpenApiDocument } from '../openapi';

/** Recursively sorts object keys so the committed document diffs cleanly. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(sortKeys);
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/**
 * Writes the OpenAPI document without a database: preview mode builds the module graph
 * but instantiates no provider, so nothing connects anywhere.
 */
async function main(): Promise<void> {
  const out = process.argv[2];
  if (!out) {
    throw new Error('usage: export-openapi <output.json>');
  }
  const settings = toSettings(
    parseEnv({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }),
    { url: 'postgres://unused@127.0.0.1:1/unused', embedded: false },
    { consoleDir: null },
  );
  const app = await NestFactory.create(AppModule.forRoot(settings), new FastifyAdapter(), {
    preview: true,
    logger: false,
  });
  app.setGlobalPrefix(API_PREFIX);
  const document = buildOpenApiDocument(app);
  writeFileSync(out, `${JSON.stringify(sortKeys(document), null, 2)}\n`);
  await app.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error instanceof Error ? error.stack : error)}\n`);
  process.exit(1);
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Serves the console's index.html for browser navigations outside /api. */
export class SpaFallback {
  private readonly indexHtml: string;

  constructor(consoleDir: string) {
    this.indexHtml = readFileSync(join(consoleDir, 'index.html'), 'utf8');
  }

  handles(request: FastifyRequest): boolean {
    const path = request.url.split('?')[0] ?? '';
    return (
      (request.method === 'GET' || request.method === 'HEAD') &&
      !path.startsWith('/api/') &&
      path !== '/api' &&
      // Missing assets should stay 404s rather than turn into HTML.
      !path.startsWith('/assets/')
    );
  }

  send(reply: FastifyReply): FastifyReply {
    return reply
      .status(200)
      .header('cache-control', 'no-cache')
      .type('text/html; charset=utf-8')
      .send(this.indexHtml);
  }
}

import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, resolve, sep } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { newRequestId } from '@ecs/domain';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/**
 * Same-origin and locked down: scripts only from the console's own files, no framing, no sniffing.
 * Inline style attributes are allowed because the utilisation bars set their widths that way.
 */
const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'same-origin',
};

/** The vite build output (`dist/console`), found by walking up from this file, in source and compiled layouts alike. */
export function locateConsoleAssets(from = __dirname): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'dist', 'console');
    if (existsSync(join(candidate, 'index.html'))) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * Serves the console's files; any other path that is not an asset gets index.html, so the
 * single-page app's own routes survive a reload. Unknown /api paths stay JSON errors.
 */
export function serveConsoleAssets(fastify: FastifyInstance, assetsDir: string | undefined): void {
  fastify.addHook('onSend', async (_request, reply) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) void reply.header(name, value);
  });
  fastify.get('/*', async (request, reply) => {
    const path = new URL(request.url, 'http://console.invalid').pathname;
    if (path === '/api' || path.startsWith('/api/')) {
      return reply.status(404).send({ RequestId: newRequestId(), Code: 'InvalidRequest', Message: `No admin API route ${request.method} ${path}.` });
    }
    if (!assetsDir) return reply.status(503).type('text/plain; charset=utf-8').send('The console is not built yet: run "npm run build".');
    const root = resolve(assetsDir);
    const file = resolve(root, `.${decodeURIComponent(path)}`);
    if (file.startsWith(root + sep) && isFile(file)) return sendFile(reply, file, path.startsWith('/assets/'));
    if (extname(path) !== '') return reply.status(404).type('text/plain; charset=utf-8').send('Not found.');
    return sendFile(reply, join(root, 'index.html'), false);
  });
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function sendFile(reply: FastifyReply, file: string, immutable: boolean): FastifyReply {
  // Vite names built assets by content hash, so they may be cached for good; index.html never.
  void reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
  return reply.type(CONTENT_TYPES[extname(file)] ?? 'application/octet-stream').send(readFileSync(file));
}

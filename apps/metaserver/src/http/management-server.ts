import { createServer, type Server } from 'node:http';
import { IDENTITY_PUBLIC_KEY_PATH } from '@ecs/contracts';

/**
 * The metaserver's management port (never reachable from guests): the public key that verifies
 * identity document signatures, for whoever a guest shows its document to, and a health check.
 */
export function createManagementServer(publicKeyPem: string): Server {
  return createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
      response.end('Method Not Allowed');
      return;
    }
    const answer = path === IDENTITY_PUBLIC_KEY_PATH ? { type: 'application/x-pem-file', body: publicKeyPem } : path === '/healthz' ? { type: 'text/plain; charset=utf-8', body: 'ok' } : undefined;
    if (answer === undefined) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      response.end('Not Found');
      return;
    }
    response.writeHead(200, { 'content-type': answer.type, 'content-length': Buffer.byteLength(answer.body) });
    response.end(request.method === 'HEAD' ? undefined : answer.body);
  });
}

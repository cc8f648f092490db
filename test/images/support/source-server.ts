import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** `stall`: the request is accepted and never answered (until the server stops). */
export type Route = { readonly body: Buffer } | { readonly redirect: string } | { readonly status: number } | { readonly stall: true };

/** A loopback web server the image center imports from; it records every path asked for. */
export class SourceServer {
  readonly requests: string[] = [];
  private readonly server: Server;

  constructor(private readonly routes: Record<string, Route>) {
    this.server = createServer((request, response) => {
      const path = request.url ?? '/';
      this.requests.push(path);
      const route = this.routes[path.split('?')[0]];
      if (route === undefined) {
        response.writeHead(404).end();
      } else if ('body' in route) {
        response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': route.body.length }).end(route.body);
      } else if ('stall' in route) {
        response.flushHeaders();
      } else if ('redirect' in route) {
        response.writeHead(302, { location: route.redirect }).end();
      } else {
        response.writeHead(route.status).end();
      }
    });
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

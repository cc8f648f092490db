import type { IncomingHttpHeaders } from 'node:http';

/** A request as any HTTP server hands it over, before anything is decoded or trusted. */
export interface RawRpcRequest {
  readonly method: string;
  /** Path and query exactly as received (`/?Action=…`). */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  /** The body bytes; undefined when the request had none. */
  readonly body: Buffer | undefined;
  readonly sourceIp: string;
}

// node-zookeeper-client ships no types; this declares the part of its API the adapter uses.
declare module 'node-zookeeper-client' {
  import { EventEmitter } from 'node:events';

  export interface Stat {
    readonly version: number;
    /** The owning session id (8 bytes), all zeroes for a persistent node. */
    readonly ephemeralOwner: Buffer;
  }

  export interface Event {
    readonly type: number;
    readonly name: string;
    readonly path: string;
  }

  export interface State {
    readonly name: string;
    readonly code: number;
  }

  export const State: {
    readonly DISCONNECTED: State;
    readonly SYNC_CONNECTED: State;
    readonly AUTH_FAILED: State;
    readonly CONNECTED_READ_ONLY: State;
    readonly SASL_AUTHENTICATED: State;
    readonly EXPIRED: State;
  };

  export class Exception extends Error {
    readonly code: number;
    getCode(): number;
    getName(): string;
    static create(code: number, path?: string): Exception;
    static readonly CONNECTION_LOSS: number;
    static readonly OPERATION_TIMEOUT: number;
    static readonly NO_NODE: number;
    static readonly NODE_EXISTS: number;
    static readonly SESSION_EXPIRED: number;
  }

  export const CreateMode: {
    readonly EPHEMERAL: number;
    readonly EPHEMERAL_SEQUENTIAL: number;
  };

  export interface ClientOptions {
    sessionTimeout?: number;
    spinDelay?: number;
    retries?: number;
    sessionId?: Buffer;
    sessionPassword?: Buffer;
  }

  export type Watcher = (event: Event) => void;

  export class Client extends EventEmitter {
    connect(): void;
    close(): void;
    getState(): State;
    getSessionId(): Buffer;
    getSessionPassword(): Buffer;
    getSessionTimeout(): number;
    create(path: string, data: Buffer | undefined, mode: number, callback: (error: Error | null, path: string) => void): void;
    remove(path: string, version: number, callback: (error: Error | null) => void): void;
    exists(path: string, watcher: Watcher | undefined, callback: (error: Error | null, stat: Stat | null) => void): void;
    getData(path: string, watcher: Watcher | undefined, callback: (error: Error | null, data: Buffer | undefined, stat: Stat) => void): void;
    setData(path: string, data: Buffer, version: number, callback: (error: Error | null, stat: Stat) => void): void;
    getChildren(path: string, watcher: Watcher | undefined, callback: (error: Error | null, children: string[], stat: Stat) => void): void;
    mkdirp(path: string, callback: (error: Error | null, path: string) => void): void;
  }

  export function createClient(connectionString: string, options?: ClientOptions): Client;
}

/**
 * Structured JSON logs, one object per line on stderr. Callers pass fields, never secrets: the
 * redaction list is a safety net for keys that must never reach a log (signatures, secrets, user-data).
 */
import { BatchedStderr } from './batched-stderr';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };
const REDACTED_KEYS = new Set(['accessKeySecret', 'AccessKeySecret', 'secret', 'password', 'Signature', 'signature', 'userData', 'UserData', 'authorization', 'token']);

let threshold: number = RANK.info;
let stderr: BatchedStderr | undefined;
let sink: (line: string) => void = (line) => (stderr ??= new BatchedStderr()).write(line);

export function configureLogging(options: { level: LogLevel; sink?: (line: string) => void }): void {
  threshold = RANK[options.level];
  if (options.sink) sink = options.sink;
}

export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

function redact(fields: LogFields): LogFields {
  const out: LogFields = {};
  for (const [key, value] of Object.entries(fields)) {
    if (REDACTED_KEYS.has(key)) out[key] = '[redacted]';
    else if (value instanceof Error) out[key] = { name: value.name, message: value.message };
    else out[key] = value;
  }
  return out;
}

export function createLogger(component: string, base: LogFields = {}): Logger {
  const emit = (level: Exclude<LogLevel, 'silent'>, message: string, fields?: LogFields) => {
    if (RANK[level] < threshold) return;
    sink(JSON.stringify({ time: new Date().toISOString(), level, component, message, ...redact({ ...base, ...fields }) }));
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    child: (fields) => createLogger(component, { ...base, ...fields }),
  };
}

import { readFileSync } from 'node:fs';
import type { ServiceName } from '@ecs/config';

/**
 * Just enough reading of our own compose file and Kubernetes manifests (they are written in a
 * plain, regular style) to see, per workload, which component it runs, what environment it gets
 * and which ports it declares. Values taken from secrets or the downward API become placeholders.
 */
export interface Workload {
  readonly name: string;
  readonly service: ServiceName;
  readonly args: readonly string[];
  /** How many copies run (a Deployment's replicas; 1 for a compose service). */
  readonly replicas: number;
  /** Every variable the workload receives, with a value its config loader can validate. */
  readonly env: Readonly<Record<string, string>>;
  /** Variables set for this workload alone (not from the shared env file, ConfigMap or Secret). */
  readonly ownEnv: readonly string[];
  /** Ports probed for health. */
  readonly healthPorts: readonly number[];
  /** Ports declared (containerPort) or published (compose). */
  readonly declaredPorts: readonly number[];
}

/** Stand-ins for values that come from secrets or the platform, valid for the config loaders. */
export const PLACEHOLDERS: Readonly<Record<string, string>> = {
  ECS_INTERNAL_TOKEN: 'x'.repeat(48),
  ECS_DB_PASSWORD: 'database-password',
  ECS_BOOTSTRAP_ACCESS_KEY_ID: 'LTAI0123456789abcdef',
  ECS_BOOTSTRAP_ACCESS_KEY_SECRET: 's'.repeat(30),
  ECS_ADMIN_PASSWORD: 'p'.repeat(16),
  ECS_BASTION_AGENT_KEY: 'k'.repeat(48),
  ECS_BASTION_AUDIT_KEY: 'a'.repeat(48),
  'status.podIP': '10.0.0.7',
  'spec.nodeName': 'node-7',
};

const ENTRY = /^apps\/([a-z-]+)\/src\/main\.js$/;

function serviceOf(command: readonly string[]): { service: ServiceName; args: string[] } | undefined {
  const at = command.findIndex((part) => ENTRY.test(part));
  if (at < 0) return undefined;
  return { service: ENTRY.exec(command[at])![1] as ServiceName, args: command.slice(at + 1) };
}

function unquote(value: string): string {
  return value.trim().replace(/^"(.*)"$/, '$1').replace(/^'(.*)'$/, '$1');
}

/** `${NAME:?message}` and `${NAME:-default}` as compose would expand them with the placeholders set. */
function substitute(value: string): string {
  return value.replace(/\$\{([A-Z0-9_]+)(?::[?-][^}]*)?\}/g, (_, name: string) => PLACEHOLDERS[name] ?? '');
}

/** KEY=VALUE lines, as compose env_file and ConfigMap-like files hold them. */
export function readEnvFile(path: string): Record<string, string> {
  return Object.fromEntries(
    readFileSync(path, 'utf8')
      .split('\n')
      .filter((line) => /^[A-Z0-9_]+=/.test(line))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
}

export function readCompose(composeFile: string, envFile: string): Workload[] {
  const shared = readEnvFile(envFile);
  const text = readFileSync(composeFile, 'utf8');
  const services = text.slice(text.indexOf('\nservices:\n')).split(/\n(?= {2}[a-z0-9-]+:\n)/).slice(1);
  return services.flatMap((block) => {
    const name = /^ {2}([a-z0-9-]+):/.exec(block)![1];
    const command = /\n {4}command: (\[.*\])/.exec(block);
    const runs = command ? serviceOf(JSON.parse(command[1]) as string[]) : undefined;
    if (!runs) return [];
    const own = Object.fromEntries([...block.matchAll(/\n {6}(ECS_[A-Z0-9_]+): (.*)/g)].map((m) => [m[1], substitute(unquote(m[2]))]));
    return [{
      name,
      ...runs,
      replicas: 1,
      env: { ...shared, ...own },
      ownEnv: Object.keys(own),
      healthPorts: [...block.matchAll(/http:\/\/127\.0\.0\.1:(\d+)\/healthz/g)].map((m) => Number(m[1])),
      declaredPorts: [...block.matchAll(/"(\d+):(\d+)"/g)].map((m) => Number(m[2])),
    }];
  });
}

/** Each document of a multi-document YAML file. */
function documents(path: string): string[] {
  return readFileSync(path, 'utf8').split(/^---$/m);
}

/** The `data:` (ConfigMap) or `stringData:` (Secret) keys of the one such document in `path`. */
export function readDataKeys(path: string): Record<string, string> {
  return Object.fromEntries([...readFileSync(path, 'utf8').matchAll(/\n {2}(ECS_[A-Z0-9_]+): (.*)/g)].map((m) => [m[1], unquote(m[2])]));
}

export function readKubernetes(files: readonly string[], configMap: Record<string, string>, secretKeys: readonly string[]): Workload[] {
  const secrets = Object.fromEntries(secretKeys.map((key) => [key, PLACEHOLDERS[key] ?? 'secret']));
  return files.flatMap(documents).flatMap((doc) => {
    const kind = /^kind: (\w+)/m.exec(doc)?.[1];
    if (kind !== 'Deployment' && kind !== 'DaemonSet' && kind !== 'Job') return [];
    const command = /\n\s+command: (\[.*\])/.exec(doc);
    const runs = command ? serviceOf(JSON.parse(command[1]) as string[]) : undefined;
    if (!runs) return [];
    const own: Record<string, string> = {};
    for (const m of doc.matchAll(/- name: (ECS_[A-Z0-9_]+)\n\s+(value: (.*)|valueFrom: \{ fieldRef: \{ fieldPath: ([\w.]+) \} \})/g)) {
      own[m[1]] = m[3] !== undefined ? unquote(m[3]) : (PLACEHOLDERS[m[4]] ?? '');
    }
    return [{
      name: /^metadata:\n {2}name: (.+)$/m.exec(doc)![1],
      ...runs,
      replicas: Number(/\n {2}replicas: (\d+)/.exec(doc)?.[1] ?? 1),
      env: {
        ...(doc.includes('configMapRef: { name: ecs-config }') ? configMap : {}),
        ...(doc.includes('secretRef: { name: ecs-secrets }') ? secrets : {}),
        ...own,
      },
      ownEnv: Object.keys(own),
      healthPorts: [...doc.matchAll(/httpGet: \{ path: \/healthz, port: (\d+) \}/g)].map((m) => Number(m[1])),
      declaredPorts: [...doc.matchAll(/containerPort: (\d+)/g)].map((m) => Number(m[1])),
    }];
  });
}

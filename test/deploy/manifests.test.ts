import { join, resolve } from 'node:path';
import {
  loadApiProxyServiceConfig,
  loadBastionServiceConfig,
  loadBusinessServiceConfig,
  loadControlServiceConfig,
  loadGatewayServiceConfig,
  loadHostAgentServiceConfig,
  loadImageCenterServiceConfig,
  loadMetaServerServiceConfig,
  serviceEnvNames,
  SERVICE_SCHEMAS,
  type ServiceName,
} from '@ecs/config';
import { readCompose, readDataKeys, readEnvFile, readKubernetes, type Workload } from './manifest-reading';

const ROOT = resolve(__dirname, '..', '..');
const COMPOSE = join(ROOT, 'deploy', 'compose');
const K8S = join(ROOT, 'deploy', 'k8s');

/** The port a component serves /healthz on, as its own config loader reads the environment. */
function servedPorts(service: ServiceName, env: Record<string, string>): { health: number; others: number[] } {
  switch (service) {
    case 'openapi-gateway':
      return { health: loadGatewayServiceConfig(env).port, others: [] };
    case 'api-proxy':
      return { health: loadApiProxyServiceConfig(env).server.port, others: [] };
    case 'business': {
      const config = loadBusinessServiceConfig(env);
      return { health: config.server.port, others: [config.console.port] };
    }
    case 'control':
      return { health: loadControlServiceConfig(env).server.port, others: [] };
    case 'host-agent':
      return { health: loadHostAgentServiceConfig(env).server.port, others: [] };
    case 'image-center': {
      const config = loadImageCenterServiceConfig(env);
      return { health: config.server.port, others: [config.images.blobPort] };
    }
    case 'metaserver':
      return { health: loadMetaServerServiceConfig(env).server.port, others: [] };
    case 'bastion': {
      const config = loadBastionServiceConfig(env);
      return { health: config.server.port, others: [config.bastion.port] };
    }
  }
}

const compose = readCompose(join(COMPOSE, 'compose.yaml'), join(COMPOSE, 'ecs.env'));
const kubernetes = readKubernetes(
  ['migrate-job.yaml', 'control.yaml', 'business.yaml', 'api-proxy.yaml', 'gateway.yaml', 'host-agents.yaml', 'image-center.yaml', 'metaservers.yaml', 'bastion.yaml'].map((file) => join(K8S, file)),
  readDataKeys(join(K8S, 'config.yaml')),
  Object.keys(readDataKeys(join(K8S, 'secret.example.yaml'))),
);
const everyName = new Set(Object.keys(SERVICE_SCHEMAS).flatMap((service) => serviceEnvNames(service as ServiceName)));

describe.each([
  ['compose', compose, readEnvFile(join(COMPOSE, 'ecs.env'))],
  ['kubernetes', kubernetes, { ...readDataKeys(join(K8S, 'config.yaml')), ...readDataKeys(join(K8S, 'secret.example.yaml')) }],
] as const)('%s manifests and the apps agree', (_kind, workloads: readonly Workload[], shared: Record<string, string>) => {
  it('run every component, control as more than one replica, and migrate before them', () => {
    expect(new Set(workloads.map((w) => w.service))).toEqual(new Set(Object.keys(SERVICE_SCHEMAS)));
    const replicas = workloads.filter((w) => w.service === 'control' && w.args.length === 0).reduce((sum, w) => sum + w.replicas, 0);
    expect(replicas).toBeGreaterThanOrEqual(2);
    expect(workloads.some((w) => w.service === 'control' && w.args[0] === 'migrate')).toBe(true);
  });

  it.each(workloads.map((w) => [w.name, w] as const))('%s: gets a configuration its component accepts, and probes the port it serves', (_name, workload) => {
    const ports = servedPorts(workload.service, workload.env);
    // A one-shot migration serves nothing; everything else is probed.
    if (workload.args[0] !== 'migrate') expect(workload.healthPorts.length).toBeGreaterThan(0);
    for (const port of workload.healthPorts) expect(port).toBe(ports.health);
    for (const port of workload.declaredPorts) expect([ports.health, ...ports.others]).toContain(port);
  });

  it.each(workloads.map((w) => [w.name, w] as const))('%s: sets only variables its component reads', (_name, workload) => {
    const reads = serviceEnvNames(workload.service);
    expect(workload.ownEnv.filter((name) => !reads.includes(name))).toEqual([]);
  });

  it('share only variables some component reads', () => {
    expect(Object.keys(shared).filter((name) => !everyName.has(name))).toEqual([]);
  });
});

import type { RpcClient } from './rpc-client';

/** The status each action's instances settle in; `absent` means deleted. */
const TARGET: Record<string, string> = {
  RunInstances: 'Running',
  StartInstance: 'Running',
  StartInstances: 'Running',
  RebootInstance: 'Running',
  RebootInstances: 'Running',
  CreateInstance: 'Stopped',
  StopInstance: 'Stopped',
  StopInstances: 'Stopped',
  DeleteInstance: 'absent',
  DeleteInstances: 'absent',
};

export function targetStatusOf(action: string): string | undefined {
  return TARGET[action];
}

export function instanceIdsOf(params: Readonly<Record<string, string>>, response: Record<string, unknown>): string[] {
  const sets = (response.InstanceIdSets as { InstanceIdSet?: string[] } | undefined)?.InstanceIdSet;
  if (sets) return sets;
  if (typeof response.InstanceId === 'string') return [response.InstanceId];
  if (params.InstanceId) return [params.InstanceId];
  return Object.keys(params)
    .filter((k) => /^InstanceId\.\d+$/.test(k))
    .map((k) => params[k]);
}

/** Polls DescribeInstances, printing progress on stderr, until every instance reaches `target`. */
export async function waitForStatus(client: RpcClient, instanceIds: readonly string[], target: string, timeoutMs: number, progress: (line: string) => void): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    const body = await client.call('DescribeInstances', { InstanceIds: JSON.stringify(instanceIds), PageSize: '100' });
    const instances = (body.Instances as { Instance: { InstanceId: string; Status: string }[] }).Instance;
    const statuses = new Map(instances.map((i) => [i.InstanceId, i.Status]));
    const line = instanceIds.map((id) => `${id}: ${statuses.get(id) ?? 'deleted'}`).join(', ');
    if (line !== last) progress(line);
    last = line;
    const done = instanceIds.every((id) => (target === 'absent' ? !statuses.has(id) : statuses.get(id) === target));
    if (done) return true;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return false;
}

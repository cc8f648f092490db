import type { InstanceActionCommand } from '@ecs/contracts';
import { apiCall } from '../../testing/api-call';
import { ACCOUNT, OTHER_ACCOUNT } from '../../testing/catalog-fixture';
import { FakeControl, instanceView } from '../../testing/fake-control';
import { testDeps } from '../../testing/test-deps';
import type { TenantActionHandler, TenantApiDeps } from '../../tenant-action';
import { DeleteInstanceHandler } from './delete-instance.handler';
import { DeleteInstancesHandler } from './delete-instances.handler';
import { RebootInstanceHandler } from './reboot-instance.handler';
import { RebootInstancesHandler } from './reboot-instances.handler';
import { StartInstanceHandler } from './start-instance.handler';
import { StartInstancesHandler } from './start-instances.handler';
import { StopInstanceHandler } from './stop-instance.handler';
import { StopInstancesHandler } from './stop-instances.handler';

type HandlerClass = new (deps: TenantApiDeps) => TenantActionHandler;

function fixture() {
  const control = new FakeControl([
    instanceView({ instanceId: 'i-running', status: 'Running' }),
    instanceView({ instanceId: 'i-stopped', status: 'Stopped' }),
    instanceView({ instanceId: 'i-foreign', status: 'Stopped', accountId: OTHER_ACCOUNT }),
  ]);
  return { control, deps: testDeps(control) };
}

const HANDLERS: Record<string, HandlerClass> = {
  StartInstance: StartInstanceHandler,
  StopInstance: StopInstanceHandler,
  RebootInstance: RebootInstanceHandler,
  DeleteInstance: DeleteInstanceHandler,
  StartInstances: StartInstancesHandler,
  StopInstances: StopInstancesHandler,
  RebootInstances: RebootInstancesHandler,
  DeleteInstances: DeleteInstancesHandler,
};

async function act(action: string, params: Record<string, string>) {
  const { control, deps } = fixture();
  const result = await new HANDLERS[action](deps).handle(apiCall(action, params));
  return { result, command: control.actions[0] };
}

function command(overrides: Partial<InstanceActionCommand>): InstanceActionCommand {
  return { accountId: ACCOUNT, regionId: 'cn-test-1', instanceIds: [], action: 'start', force: false, batchMode: 'AllTogether', dryRun: false, ...overrides };
}

describe('single-instance power actions', () => {
  it.each<[string, Record<string, string>, Partial<InstanceActionCommand>]>([
    ['StartInstance', { InstanceId: 'i-stopped' }, { instanceIds: ['i-stopped'], action: 'start' }],
    ['StartInstance', { InstanceId: 'i-stopped', DryRun: 'true' }, { instanceIds: ['i-stopped'], action: 'start', dryRun: true }],
    ['StopInstance', { InstanceId: 'i-running' }, { instanceIds: ['i-running'], action: 'stop' }],
    ['StopInstance', { InstanceId: 'i-running', ForceStop: 'true', StoppedMode: 'StopCharging' }, { instanceIds: ['i-running'], action: 'stop', force: true, stoppedMode: 'StopCharging' }],
    ['RebootInstance', { InstanceId: 'i-running', ForceStop: 'true' }, { instanceIds: ['i-running'], action: 'reboot', force: true }],
    ['DeleteInstance', { InstanceId: 'i-stopped' }, { instanceIds: ['i-stopped'], action: 'delete' }],
    ['DeleteInstance', { InstanceId: 'i-running', Force: 'true' }, { instanceIds: ['i-running'], action: 'delete', force: true }],
  ])('%s %j sends control the command and answers with nothing but the RequestId', async (action, params, expected) => {
    const { result, command: sent } = await act(action, params);
    expect(result).toEqual({});
    expect(sent).toEqual(command(expected));
  });

  it.each<[string, Record<string, string>, string]>([
    ['StartInstance', { InstanceId: 'i-running' }, 'IncorrectInstanceStatus'],
    ['StopInstance', { InstanceId: 'i-stopped' }, 'IncorrectInstanceStatus'],
    ['DeleteInstance', { InstanceId: 'i-running' }, 'IncorrectInstanceStatus'],
    ['RebootInstance', { InstanceId: 'i-nope' }, 'InvalidInstanceId.NotFound'],
    ['StartInstance', { InstanceId: 'i-foreign' }, 'InvalidInstanceId.NotFound'],
    ['StartInstance', {}, 'MissingParameter'],
    ['StopInstance', { InstanceId: 'i-running', StoppedMode: 'Hibernate' }, 'InvalidParameter'],
    ['DeleteInstance', { InstanceId: 'i-stopped', Force: 'maybe' }, 'InvalidParameter'],
  ])("%p %j fails with %s", async (action, params, code) => {
    await expect(act(action, params)).rejects.toMatchObject({ code });
  });

  it('keeps the status message control gave', async () => {
    await expect(act('StartInstance', { InstanceId: 'i-running' })).rejects.toMatchObject({
      status: 403,
      message: 'The current status of the resource does not support this operation.',
    });
  });

  it('turns a result code outside the ECS catalogue into InternalError', async () => {
    const { control, deps } = fixture();
    control.actOnInstances = async (sent) => sent.instanceIds.map((instanceId) => ({ instanceId, code: 'Weird', message: 'x', previousStatus: '', currentStatus: '' }));
    await expect(new StartInstanceHandler(deps).handle(apiCall('StartInstance', { InstanceId: 'i-stopped' }))).rejects.toMatchObject({ code: 'InternalError' });
  });
});

describe('batch power actions', () => {
  it('answers InstanceResponses.InstanceResponse[] with each instance before and after', async () => {
    const { result, command: sent } = await act('StartInstances', { 'InstanceId.1': 'i-stopped', BatchOptimization: 'SuccessFirst', 'InstanceId.2': 'i-running' });
    expect(sent).toEqual(command({ instanceIds: ['i-stopped', 'i-running'], batchMode: 'SuccessFirst' }));
    expect(result).toEqual({
      InstanceResponses: {
        InstanceResponse: [
          { InstanceId: 'i-stopped', Code: '200', Message: 'success', PreviousStatus: 'Stopped', CurrentStatus: 'Starting' },
          {
            InstanceId: 'i-running',
            Code: 'IncorrectInstanceStatus',
            Message: 'The current status of the resource does not support this operation.',
            PreviousStatus: 'Running',
            CurrentStatus: 'Running',
          },
        ],
      },
    });
  });

  it('fails the whole AllTogether call with the first failing instance', async () => {
    await expect(act('StopInstances', { 'InstanceId.1': 'i-running', 'InstanceId.2': 'i-nope' })).rejects.toMatchObject({ code: 'InvalidInstanceId.NotFound' });
  });

  it.each<[string, Record<string, string>, Partial<InstanceActionCommand>]>([
    ['StopInstances', { 'InstanceId.1': 'i-running', ForceStop: 'true', StoppedMode: 'KeepCharging', DryRun: 'true' }, { action: 'stop', force: true, stoppedMode: 'KeepCharging', dryRun: true }],
    ['RebootInstances', { 'InstanceId.1': 'i-running', ForceReboot: 'true' }, { action: 'reboot', force: true }],
    ['DeleteInstances', { 'InstanceId.1': 'i-stopped', Force: 'true' }, { action: 'delete', force: true }],
  ])('%s %j passes its options to control', async (action, params, expected) => {
    const { command: sent } = await act(action, params);
    expect(sent).toEqual(command({ instanceIds: [params['InstanceId.1']], ...expected }));
  });

  it('answers DeleteInstances with nothing but the RequestId, and fails it as a whole', async () => {
    const { result } = await act('DeleteInstances', { 'InstanceId.1': 'i-stopped' });
    expect(result).toEqual({});
    await expect(act('DeleteInstances', { 'InstanceId.1': 'i-stopped', 'InstanceId.2': 'i-running' })).rejects.toMatchObject({ code: 'IncorrectInstanceStatus' });
  });

  it('validates InstanceId.N and BatchOptimization', async () => {
    await expect(act('StartInstances', {})).rejects.toMatchObject({ code: 'MissingParameter' });
    await expect(act('StartInstances', { 'InstanceId.101': 'i-1' })).rejects.toMatchObject({ code: 'InvalidParameter' });
    await expect(act('StartInstances', { 'InstanceId.1': 'i-1', 'InstanceId.2': 'i-1' })).rejects.toMatchObject({ code: 'InvalidParameter' });
    await expect(act('StartInstances', { 'InstanceId.1': 'i-1', BatchOptimization: 'Fastest' })).rejects.toMatchObject({ code: 'InvalidParameter' });
  });

  it('accepts the full hundred instances', async () => {
    const params = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`InstanceId.${i + 1}`, `i-${i + 1}`]));
    const { command: sent } = await act('StartInstances', { ...params, BatchOptimization: 'SuccessFirst' });
    expect(sent.instanceIds).toHaveLength(100);
    expect(sent.instanceIds[9]).toBe('i-10');
  });
});

import { apiCall } from '../testing/api-call';
import { OTHER_ACCOUNT } from '../testing/catalog-fixture';
import { GetInstanceConsoleOutputHandler } from './get-instance-console-output.handler';
import { FakeConsoles } from './testing/fake-image-service';
import { imageTestDeps } from './testing/image-test-deps';

const CONSOLE = '\x1b[32mOK\x1b[0m booted\r\n';

function handler(consoles = new FakeConsoles({ 'i-running': { output: CONSOLE, lastUpdateTime: '2024-05-06T07:08:09.123Z' } })) {
  const deps = imageTestDeps(consoles);
  return new GetInstanceConsoleOutputHandler(deps, deps.consoleOutput);
}

describe('GetInstanceConsoleOutput', () => {
  it('answers the console Base64-encoded, as the guest printed it', async () => {
    const result = await handler().handle(apiCall('GetInstanceConsoleOutput', { InstanceId: 'i-running' }));
    expect(result).toEqual({ InstanceId: 'i-running', ConsoleOutput: Buffer.from(CONSOLE).toString('base64'), LastUpdateTime: '2024-05-06T07:08:09Z' });
  });

  it('removes formatting symbols when asked', async () => {
    const result = (await handler().handle(apiCall('GetInstanceConsoleOutput', { InstanceId: 'i-running', RemoveSymbols: 'true' }))) as { ConsoleOutput: string };
    expect(Buffer.from(result.ConsoleOutput, 'base64').toString()).toBe('OK booted\n');
  });

  it('gives an instance without a console an empty one', async () => {
    const result = await handler().handle(apiCall('GetInstanceConsoleOutput', { InstanceId: 'i-stopped' }));
    expect(result).toEqual({ InstanceId: 'i-stopped', ConsoleOutput: '', LastUpdateTime: '2017-12-10T04:04:31Z' });
  });

  it("never shows another tenant's console", async () => {
    await expect(handler().handle(apiCall('GetInstanceConsoleOutput', { InstanceId: 'i-running' }, OTHER_ACCOUNT))).rejects.toMatchObject({ code: 'InvalidInstanceId.NotFound' });
    await expect(handler().handle(apiCall('GetInstanceConsoleOutput', {}))).rejects.toMatchObject({ code: 'MissingParameter' });
  });
});

import WebSocket from 'ws';
import type { BastionEndpoint } from '@ecs/contracts';
import { eventually, startTestPlatform, type TestPlatform } from '../support/platform-harness';
import { bastionEndpoint, call, connectionToken, createOperator, fetchText, grant, Terminal, terminalUrl } from './support/bastion-client';

/** The bastion's own web terminal: its page and assets, and its WebSocket as the page drives it. */
describe('the web terminal', () => {
  let platform: TestPlatform;
  let bastion: BastionEndpoint;

  beforeAll(async () => {
    platform = await startTestPlatform({ ECS_CONSOLE_PORT: '0' });
    bastion = bastionEndpoint(platform.dataDir);
  });
  afterAll(async () => platform.dispose());

  it('serves the page with a strict content security policy, and xterm.js from the installed package', async () => {
    const page = await fetch(`${bastion.url}/terminal?host=sim-x`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const html = await page.text();
    expect(html).toContain('<script src="/terminal/xterm.js"></script>');
    expect(html).not.toMatch(/<script>[^<]/);
    const xterm = await fetch(`${bastion.url}/terminal/xterm.js`);
    expect(xterm.headers.get('content-type')).toContain('javascript');
    expect(await xterm.text()).toContain('Terminal');
    expect((await (await fetch(`${bastion.url}/terminal/xterm.css`)).text())).toContain('.xterm');
    const app = await (await fetch(`${bastion.url}/terminal/app.js`)).text();
    expect(app).toContain('/bastion/v1/connections');
    expect(app).not.toContain('innerHTML');
  });

  it('runs a session over the WebSocket exactly as the page does: same origin, keystrokes in, terminal bytes out', async () => {
    const hostId = platform.fleet.hosts[2].registration.hostId;
    const web = await createOperator(bastion, 'webby');
    await grant(bastion, { user: 'webby', host: hostId, role: 'read-only' });
    const { body } = await connectionToken(bastion.url, web, hostId);
    const ws = new WebSocket(`${terminalUrl(bastion.url, hostId, body.token)}&cols=132&rows=40`, { origin: bastion.url });
    let screen = '';
    ws.on('message', (data: Buffer) => (screen += data.toString('utf8')));
    await new Promise((resolve, reject) => {
      ws.on('open', resolve);
      ws.on('error', reject);
    });
    for (const key of 'uptime\r') ws.send(key);
    const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
    const deadline = Date.now() + 10_000;
    while (!/up \d+:\d\d[\s\S]*\$ $/.test(screen) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(screen).toMatch(/uptime\r\n\d\d:\d\d:\d\d up \d+:\d\d, \d+ domains? running\r\n/);
    ws.send('\x04');
    expect(await closed).toBe(1000);

    // The page reports xterm.js's size; it labels the recording, and odd sizes are clamped, not refused.
    const odd = await connectionToken(bastion.url, web, hostId);
    const second = await Terminal.open(`${terminalUrl(bastion.url, hostId, odd.body.token)}&cols=0&rows=lots`);
    second.ws.send('exit\r');
    await second.closed;
    const auditor = await createOperator(bastion, 'audi', ['auditor']);
    const { body: sessions } = await eventually(
      () => call<{ recent: { sessionId: string; username: string; endedAt: string | null }[] }>(bastion.url, 'GET', '/bastion/v1/sessions', { token: auditor.session }),
      ({ body: listed }) => listed.recent.filter((s) => s.username === 'webby' && s.endedAt !== null).length === 2,
      5_000,
      "webby's sessions to end",
    );
    const headers = await Promise.all(
      sessions.recent.filter((s) => s.username === 'webby').map(async (s) => JSON.parse((await fetchText(bastion.url, `/bastion/v1/sessions/${s.sessionId}/recording`, auditor.session)).body.split('\n')[0]) as { width: number; height: number }),
    );
    expect(headers.map((h) => [h.width, h.height]).sort()).toEqual([[132, 40], [20, 24]]);
  });
});

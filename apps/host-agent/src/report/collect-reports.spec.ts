import type { DesiredDomain } from '@ecs/contracts';
import type { DomainInfo, DomainState, DomainStateReason } from '@ecs/hypervisor';
import type { DesiredEntry } from '../desired/desired-entry';
import type { DomainMemory } from '../reconcile/domain-memory';
import { collectReports, type ReportInput } from './collect-reports';
import { detectIncidents } from './observe-domain';
import type { StateReport } from './state-report';

const AT = '2026-01-01T00:00:00.000Z';
const SPEC = { vcpus: 1, memoryMiB: 1024, diskGiB: 20, imageId: 'm-1', hostName: 'g', mac: '00:16:3e:00:00:01', privateIp: '10.0.0.2' };

function want(instanceId: string, power: DesiredDomain['power'], generation: number, rebootGeneration?: number): [string, DesiredEntry] {
  return [instanceId, { domain: { spec: { ...SPEC, instanceId }, power, generation }, forceOff: false, rebootGeneration }];
}

function seen(instanceId: string, state: DomainState, reason: DomainStateReason, detail?: string): [string, DomainInfo] {
  return [instanceId, { instanceId, spec: { ...SPEC, instanceId }, state, reason, ...(detail ? { detail } : {}) }];
}

function reports(input: Partial<ReportInput> & Pick<ReportInput, 'desired' | 'observed'>): Array<Omit<StateReport, 'observedAt'>> {
  return collectReports({ memory: new Map(), incidents: [], reReport: false, observedAt: AT, ...input }).map(({ observedAt: _at, ...rest }) => rest);
}

describe('collectReports', () => {
  it('reports settled states with the generation they satisfy', () => {
    expect(
      reports({
        desired: new Map([want('i-1', 'on', 2), want('i-2', 'off', 4)]),
        observed: new Map([seen('i-1', 'running', 'booted'), seen('i-2', 'shutoff', 'shutdown')]),
      }),
    ).toEqual([
      { instanceId: 'i-1', state: 'running', generation: 2 },
      { instanceId: 'i-2', state: 'shutoff', generation: 4 },
    ]);
  });

  it('says nothing of transitional states or of states the agent is about to change', () => {
    expect(
      reports({
        desired: new Map([want('i-1', 'on', 1), want('i-2', 'off', 1), want('i-3', 'on', 1), want('i-4', 'on', 3, 3)]),
        observed: new Map([
          seen('i-1', 'booting', 'starting'),
          seen('i-2', 'shutting-down', 'shutdown-requested'),
          seen('i-3', 'shutoff', 'destroyed'),
          seen('i-4', 'running', 'booted'),
        ]),
        memory: new Map([['i-4', { rebootedGeneration: 2 }]]),
      }),
    ).toEqual([]);
  });

  it('reports only what changed since the last report, unless a resync asks for everything', () => {
    const input = {
      desired: new Map([want('i-1', 'on', 2), want('i-2', 'on', 1)]),
      observed: new Map([seen('i-1', 'running', 'booted'), seen('i-2', 'running', 'booted')]),
      memory: new Map<string, DomainMemory>([
        ['i-1', { reported: { state: 'running', generation: 2 } }],
        ['i-2', { reported: { state: 'running', generation: 0 } }],
      ]),
    };
    expect(reports(input)).toEqual([{ instanceId: 'i-2', state: 'running', generation: 1 }]);
    expect(reports({ ...input, reReport: true }).map((r) => r.instanceId)).toEqual(['i-1', 'i-2']);
  });

  it('reports a boot failure with its reason and the generation whose boot failed', () => {
    expect(
      reports({
        desired: new Map([want('i-1', 'on', 5)]),
        observed: new Map([seen('i-1', 'shutoff', 'boot-failed', 'no bootable device')]),
        memory: new Map([['i-1', { bootAttemptGeneration: 4 }]]),
      }),
    ).toEqual([{ instanceId: 'i-1', state: 'boot-failed', generation: 4, reason: 'no bootable device' }]);
  });

  it('reports a boot-failed domain now wanted off as plainly shut off', () => {
    expect(
      reports({ desired: new Map([want('i-1', 'off', 6)]), observed: new Map([seen('i-1', 'shutoff', 'boot-failed', 'x')]) }),
    ).toEqual([{ instanceId: 'i-1', state: 'shutoff', generation: 6 }]);
  });

  it('reports incidents first and in order, then the settled state, each change once', () => {
    const crash: StateReport = { instanceId: 'i-1', state: 'crashed', generation: 3, reason: 'panic', observedAt: AT };
    expect(
      reports({
        desired: new Map([want('i-1', 'on', 3)]),
        observed: new Map([seen('i-1', 'running', 'booted')]),
        memory: new Map([['i-1', { reported: { state: 'running', generation: 3 } }]]),
        incidents: [crash, crash],
      }),
    ).toEqual([
      { instanceId: 'i-1', state: 'crashed', generation: 3, reason: 'panic' },
      { instanceId: 'i-1', state: 'running', generation: 3 },
    ]);
  });

  it('reports a domain that vanished after being reported as absent, once', () => {
    const memory = new Map<string, DomainMemory>([
      ['i-1', { reported: { state: 'running', generation: 2 } }],
      ['i-2', { reported: { state: 'absent', generation: 2 } }],
    ]);
    expect(reports({ desired: new Map(), observed: new Map(), memory })).toEqual([{ instanceId: 'i-1', state: 'absent', generation: 2 }]);
  });

  it('says nothing of unwanted domains still on the host', () => {
    expect(reports({ desired: new Map(), observed: new Map([seen('i-1', 'running', 'booted')]) })).toEqual([]);
  });
});

describe('detectIncidents', () => {
  it('notes crashes and failed boots of wanted domains, nothing else', () => {
    const incidents = detectIncidents(
      new Map([want('i-1', 'on', 1), want('i-2', 'on', 1), want('i-3', 'on', 1)]),
      new Map([seen('i-1', 'crashed', 'guest-crashed', 'panic'), seen('i-2', 'shutoff', 'boot-failed', 'bad disk'), seen('i-3', 'running', 'booted'), seen('i-4', 'crashed', 'guest-crashed', 'x')]),
      new Map(),
      AT,
    );
    expect(incidents.map((i) => [i.instanceId, i.state, i.reason])).toEqual([
      ['i-1', 'crashed', 'panic'],
      ['i-2', 'boot-failed', 'bad disk'],
    ]);
  });
});

import type { DesiredDomain, DomainSpec } from '@ecs/contracts';
import { DOMAIN_STATE_REASONS, DOMAIN_STATES, type DomainInfo, type DomainState, type DomainStateReason } from '@ecs/hypervisor';
import fc from 'fast-check';
import type { DesiredEntry } from '../desired/desired-entry';
import type { DomainMemory } from './domain-memory';
import { planReconcile } from './plan-reconcile';
import type { ReconcileAction } from './reconcile-action';

function spec(instanceId: string, vcpus = 2): DomainSpec {
  return { instanceId, vcpus, memoryMiB: 2048, diskGiB: 40, imageId: 'm-1', hostName: instanceId, mac: '00:16:3e:00:00:01', privateIp: '10.0.0.2' };
}

function want(instanceId: string, power: DesiredDomain['power'], generation = 1, extra: Partial<DesiredEntry> = {}): [string, DesiredEntry] {
  return [instanceId, { domain: { spec: spec(instanceId), power, generation }, forceOff: false, rebootGeneration: undefined, ...extra }];
}

function seen(instanceId: string, state: DomainState, reason?: DomainStateReason, domainSpec = spec(instanceId)): [string, DomainInfo] {
  return [instanceId, { instanceId, spec: domainSpec, state, reason: reason ?? DOMAIN_STATE_REASONS[state][0] }];
}

function plan(desired: Array<[string, DesiredEntry]>, observed: Array<[string, DomainInfo]>, memory: Array<[string, DomainMemory]> = []): string[] {
  return planReconcile({ desired: new Map(desired), observed: new Map(observed), memory: new Map(memory) }).map(label);
}

function label(action: ReconcileAction): string {
  return action.kind === 'define' ? `define ${action.spec.instanceId}` : `${action.kind} ${action.instanceId}`;
}

describe('planReconcile', () => {
  it.each([
    ['a missing domain wanted on is defined and started', [want('i-1', 'on')], [], ['define i-1', 'start i-1']],
    ['a missing domain wanted off is only defined', [want('i-1', 'off')], [], ['define i-1']],
    ['a shut-off domain wanted on is started', [want('i-1', 'on')], [seen('i-1', 'shutoff')], ['start i-1']],
    ['a running domain wanted on needs nothing', [want('i-1', 'on')], [seen('i-1', 'running')], []],
    ['a booting domain wanted on is left to boot', [want('i-1', 'on')], [seen('i-1', 'booting')], []],
    ['a domain shutting down while wanted on is left to finish first', [want('i-1', 'on')], [seen('i-1', 'shutting-down')], []],
    ['a running domain wanted off is shut down gracefully', [want('i-1', 'off')], [seen('i-1', 'running')], ['shutdown i-1']],
    ['a booting domain wanted off is shut down', [want('i-1', 'off')], [seen('i-1', 'booting')], ['shutdown i-1']],
    ['a domain already shutting down is left alone', [want('i-1', 'off')], [seen('i-1', 'shutting-down')], []],
    ['a forced-off domain is destroyed, even mid-shutdown', [want('i-1', 'off', 1, { forceOff: true })], [seen('i-1', 'shutting-down')], ['destroy i-1']],
    ['a running domain wanted forced off is destroyed', [want('i-1', 'off', 1, { forceOff: true })], [seen('i-1', 'running')], ['destroy i-1']],
    ['a crashed guest wanted on is restarted', [want('i-1', 'on')], [seen('i-1', 'crashed')], ['destroy i-1', 'start i-1']],
    ['a crashed guest wanted off is cleaned up', [want('i-1', 'off')], [seen('i-1', 'crashed')], ['destroy i-1']],
    ['an undesired shut-off domain is undefined', [], [seen('i-1', 'shutoff')], ['undefine i-1']],
    ['an undesired running domain is destroyed, then undefined', [], [seen('i-1', 'running')], ['destroy i-1', 'undefine i-1']],
  ])('%s', (_name, desired, observed, expected) => {
    expect(plan(desired, observed)).toEqual(expected);
  });

  it('does not retry a boot that failed at the generation it was started for', () => {
    const failed = seen('i-1', 'shutoff', 'boot-failed');
    expect(plan([want('i-1', 'on', 3)], [failed], [['i-1', { bootAttemptGeneration: 3 }]])).toEqual([]);
    expect(plan([want('i-1', 'on', 4)], [failed], [['i-1', { bootAttemptGeneration: 3 }]])).toEqual(['start i-1']);
    expect(plan([want('i-1', 'on', 3)], [failed], [])).toEqual(['start i-1']);
  });

  it('reboots a running domain once per reboot generation', () => {
    const entry = want('i-1', 'on', 5, { rebootGeneration: 5 });
    expect(plan([entry], [seen('i-1', 'running')], [['i-1', { rebootedGeneration: 4 }]])).toEqual(['reboot i-1']);
    expect(plan([entry], [seen('i-1', 'running')], [['i-1', { rebootedGeneration: 5 }]])).toEqual([]);
    expect(plan([entry], [seen('i-1', 'booting')], [])).toEqual([]);
  });

  it('passes the generations a boot serves to the executor', () => {
    const actions = planReconcile({
      desired: new Map([want('i-1', 'on', 7, { rebootGeneration: 6 })]),
      observed: new Map([seen('i-1', 'shutoff')]),
      memory: new Map(),
    });
    expect(actions).toEqual([{ kind: 'start', instanceId: 'i-1', generation: 7, rebootGeneration: 6 }]);
  });

  it('redefines a changed spec only while the domain is off', () => {
    const old = spec('i-1', 2);
    expect(plan([want('i-1', 'off')], [seen('i-1', 'shutoff', 'shutdown', { ...old, vcpus: 4 })])).toEqual(['define i-1']);
    expect(plan([want('i-1', 'on')], [seen('i-1', 'shutoff', 'shutdown', { ...old, vcpus: 4 })])).toEqual(['define i-1', 'start i-1']);
    expect(plan([want('i-1', 'on')], [seen('i-1', 'running', 'booted', { ...old, vcpus: 4 })])).toEqual([]);
  });

  describe('properties', () => {
    const ids = ['i-1', 'i-2', 'i-3', 'i-4'];
    const stateAndReason = fc.constantFrom(...DOMAIN_STATES).chain((state) =>
      fc.constantFrom(...(DOMAIN_STATE_REASONS[state] as readonly DomainStateReason[])).map((reason) => ({ state, reason })),
    );
    const world = fc.record({
      desired: fc.uniqueArray(
        fc.record({ id: fc.constantFrom(...ids), power: fc.constantFrom('on' as const, 'off' as const), generation: fc.nat(5), forceOff: fc.boolean(), reboot: fc.option(fc.nat(5), { nil: undefined }) }),
        { selector: (d) => d.id },
      ),
      observed: fc.uniqueArray(fc.record({ id: fc.constantFrom(...ids), status: stateAndReason }), { selector: (o) => o.id }),
      memory: fc.uniqueArray(fc.record({ id: fc.constantFrom(...ids), boot: fc.option(fc.nat(5), { nil: undefined }), rebooted: fc.option(fc.nat(5), { nil: undefined }) }), { selector: (m) => m.id }),
    });
    type World = typeof world extends fc.Arbitrary<infer T> ? T : never;
    const inputOf = (w: World) => ({
      desired: new Map(w.desired.map((d) => want(d.id, d.power, d.generation, { forceOff: d.power === 'off' && d.forceOff, rebootGeneration: d.reboot }))),
      observed: new Map(w.observed.map((o) => seen(o.id, o.status.state, o.status.reason))),
      memory: new Map(w.memory.map((m): [string, DomainMemory] => [m.id, { bootAttemptGeneration: m.boot, rebootedGeneration: m.rebooted }])),
    });

    /** Replays a plan against the documented driver transitions; returns false on any call the driver would refuse. */
    function validAgainstDriver(actions: ReconcileAction[], observed: ReadonlyMap<string, DomainInfo>): boolean {
      const states = new Map<string, DomainState | 'undefined'>([...observed].map(([id, info]) => [id, info.state]));
      for (const action of actions) {
        const id = action.kind === 'define' ? action.spec.instanceId : action.instanceId;
        const state = states.get(id) ?? 'undefined';
        const next: Record<ReconcileAction['kind'], [Array<DomainState | 'undefined'>, DomainState | 'undefined']> = {
          define: [['undefined', 'shutoff'], 'shutoff'],
          start: [['shutoff'], 'booting'],
          reboot: [['running'], 'booting'],
          shutdown: [['booting', 'running'], 'shutting-down'],
          destroy: [['booting', 'running', 'shutting-down', 'crashed'], 'shutoff'],
          undefine: [['shutoff'], 'undefined'],
        };
        const [from, to] = next[action.kind];
        if (!from.includes(state)) return false;
        states.set(id, to);
      }
      return true;
    }

    it('only plans calls the driver accepts from the observed states', () => {
      fc.assert(fc.property(world, (w) => {
        const input = inputOf(w);
        expect(validAgainstDriver(planReconcile(input), input.observed)).toBe(true);
      }));
    });

    it('never touches a wanted domain with undefine, and always removes unwanted ones', () => {
      fc.assert(fc.property(world, (w) => {
        const input = inputOf(w);
        const actions = planReconcile(input);
        for (const action of actions) {
          if (action.kind === 'undefine') expect(input.desired.has(action.instanceId)).toBe(false);
        }
        for (const id of input.observed.keys()) {
          if (!input.desired.has(id)) expect(actions).toContainEqual({ kind: 'undefine', instanceId: id });
        }
      }));
    });

    it('plans nothing once every domain has reached what is wanted', () => {
      fc.assert(fc.property(world, (w) => {
        const desired = inputOf(w).desired;
        const observed = new Map([...desired].map(([id, entry]) => seen(id, entry.domain.power === 'on' ? 'running' : 'shutoff')));
        const memory = new Map([...desired].map(([id, entry]): [string, DomainMemory] => [id, { rebootedGeneration: entry.rebootGeneration }]));
        expect(planReconcile({ desired, observed, memory })).toEqual([]);
      }));
    });
  });
});

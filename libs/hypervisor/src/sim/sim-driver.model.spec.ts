import type { DomainSpec } from '@ecs/contracts';
import fc from 'fast-check';
import { DOMAIN_STATES, isReasonOf } from '../driver/domain-state';
import { addResources, demandOf, NO_RESOURCES, type ResourceAmounts } from '../driver/resources';
import {
  DomainNotFoundError,
  DomainStateError,
  HostLostError,
  InsufficientResourcesError,
} from '../errors/hypervisor-errors';
import { SimDriver } from './sim-driver';

/**
 * Model test: random operation sequences against a tiny host. The model knows which domains are
 * defined with which spec and whether the host is reachable; each step checks the driver's answer
 * against the state it reported just before, and every step re-checks the invariants.
 */
const CAPACITY: ResourceAmounts = { vcpus: 8, memoryMiB: 8192, diskGiB: 100 };
const BOOT_MS = 300;
const GUEST_SHUTDOWN_MS = 200;
const MAX_SHUTDOWN_TIMEOUT_MS = 400;
const SETTLE_MS = BOOT_MS + MAX_SHUTDOWN_TIMEOUT_MS;
const IDS = ['i-1', 'i-2', 'i-3'];

interface Model {
  readonly specs: Map<string, DomainSpec>;
  lost: boolean;
  /** Once any boot fault has been injected, boots may fail. */
  bootFaultsArmed: boolean;
}

interface Real {
  readonly driver: SimDriver;
}

type Command = fc.AsyncCommand<Model, Real>;

function sumOf(specs: Iterable<DomainSpec>): ResourceAmounts {
  let total = NO_RESOURCES;
  for (const spec of specs) total = addResources(total, demandOf(spec));
  return total;
}

async function stateOf(real: Real, instanceId: string): Promise<string> {
  try {
    return (await real.driver.domainState(instanceId)).state;
  } catch (error) {
    if (error instanceof DomainNotFoundError) return 'undefined';
    throw error;
  }
}

async function expectOutcome(call: Promise<unknown>, expected: 'ok' | (new (...args: never[]) => Error)): Promise<void> {
  if (expected === 'ok') await expect(call).resolves.toBeUndefined();
  else await expect(call).rejects.toBeInstanceOf(expected);
}

async function checkInvariants(model: Model, real: Real): Promise<void> {
  if (model.lost) return;
  const domains = await real.driver.listDomains();
  expect(domains.map((d) => d.instanceId).sort()).toEqual([...model.specs.keys()].sort());
  for (const domain of domains) {
    expect(DOMAIN_STATES).toContain(domain.state);
    expect(isReasonOf(domain.state, domain.reason)).toBe(true);
    expect(domain.detail !== undefined).toBe(domain.reason === 'boot-failed' || domain.reason === 'guest-crashed');
    expect(domain.spec).toEqual(model.specs.get(domain.instanceId));
  }
  const resources = await real.driver.resources();
  expect(resources.allocated).toEqual(sumOf(domains.map((d) => d.spec)));
  expect(resources.allocated).toEqual(sumOf(model.specs.values()));
  expect(resources.domainCount).toBe(model.specs.size);
  for (const key of ['vcpus', 'memoryMiB', 'diskGiB'] as const) {
    expect(resources.allocated[key]).toBeLessThanOrEqual(CAPACITY[key]);
  }
}

/** A driver call: fails with HostLostError while the host is lost, else as `expected` says. */
abstract class DriverCommand implements Command {
  check(): boolean {
    return true;
  }

  async run(model: Model, real: Real): Promise<void> {
    if (model.lost) await expect(this.call(real)).rejects.toBeInstanceOf(HostLostError);
    else await this.runReachable(model, real);
    await checkInvariants(model, real);
  }

  protected abstract call(real: Real): Promise<unknown>;
  protected abstract runReachable(model: Model, real: Real): Promise<void>;
}

class Define extends DriverCommand {
  constructor(private readonly spec: DomainSpec) {
    super();
  }
  protected call(real: Real): Promise<unknown> {
    return real.driver.defineDomain(this.spec);
  }
  protected async runReachable(model: Model, real: Real): Promise<void> {
    const existing = model.specs.get(this.spec.instanceId);
    const state = await stateOf(real, this.spec.instanceId);
    const others = [...model.specs.values()].filter((s) => s.instanceId !== this.spec.instanceId);
    const total = addResources(sumOf(others), demandOf(this.spec));
    const fits = total.vcpus <= CAPACITY.vcpus && total.memoryMiB <= CAPACITY.memoryMiB && total.diskGiB <= CAPACITY.diskGiB;
    const same = existing !== undefined && JSON.stringify(existing) === JSON.stringify(this.spec);
    if (same) return expectOutcome(this.call(real), 'ok');
    if (existing && state !== 'shutoff') return expectOutcome(this.call(real), DomainStateError);
    if (!fits) return expectOutcome(this.call(real), InsufficientResourcesError);
    await expectOutcome(this.call(real), 'ok');
    model.specs.set(this.spec.instanceId, this.spec);
    expect(await stateOf(real, this.spec.instanceId)).toBe('shutoff');
  }
  override toString(): string {
    return `define(${this.spec.instanceId}, ${this.spec.vcpus}c/${this.spec.memoryMiB}M/${this.spec.diskGiB}G)`;
  }
}

/** A power operation: allowed from some states, entering a known state when it succeeds. */
class Power extends DriverCommand {
  constructor(
    private readonly op: 'start' | 'shutdown' | 'destroy' | 'reboot' | 'undefine',
    private readonly instanceId: string,
    private readonly timeoutMs: number,
  ) {
    super();
  }
  protected call(real: Real): Promise<unknown> {
    const driver = real.driver;
    switch (this.op) {
      case 'start':
        return driver.startDomain(this.instanceId);
      case 'shutdown':
        return driver.shutdownDomain(this.instanceId, { timeoutMs: this.timeoutMs });
      case 'destroy':
        return driver.destroyDomain(this.instanceId);
      case 'reboot':
        return driver.rebootDomain(this.instanceId);
      case 'undefine':
        return driver.undefineDomain(this.instanceId);
    }
  }
  protected async runReachable(model: Model, real: Real): Promise<void> {
    const before = await stateOf(real, this.instanceId);
    if (before === 'undefined') return expectOutcome(this.call(real), DomainNotFoundError);
    const rule = POWER_RULES[this.op];
    if (!rule.from.includes(before)) return expectOutcome(this.call(real), DomainStateError);
    await expectOutcome(this.call(real), 'ok');
    if (this.op === 'undefine') model.specs.delete(this.instanceId);
    expect(await stateOf(real, this.instanceId)).toBe(rule.to);
  }
  override toString(): string {
    return `${this.op}(${this.instanceId}${this.op === 'shutdown' ? `, ${this.timeoutMs}ms` : ''})`;
  }
}

const POWER_RULES: Record<'start' | 'shutdown' | 'destroy' | 'reboot' | 'undefine', { from: string[]; to: string }> = {
  start: { from: ['shutoff'], to: 'booting' },
  shutdown: { from: ['booting', 'running', 'shutting-down'], to: 'shutting-down' },
  destroy: { from: ['booting', 'running', 'shutting-down', 'crashed'], to: 'shutoff' },
  reboot: { from: ['running'], to: 'booting' },
  undefine: { from: ['shutoff'], to: 'undefined' },
};

class Crash implements Command {
  constructor(private readonly instanceId: string) {}
  check(): boolean {
    return true;
  }
  async run(model: Model, real: Real): Promise<void> {
    const before = (await peekDomains(model, real)).get(this.instanceId)?.split('/')[0] ?? 'undefined';
    if (before === 'running') {
      real.driver.crashGuest(this.instanceId);
      expect((await peekDomains(model, real)).get(this.instanceId)).toBe('crashed/guest-crashed');
    } else {
      expect(() => real.driver.crashGuest(this.instanceId)).toThrow(before === 'undefined' ? DomainNotFoundError : DomainStateError);
    }
    await checkInvariants(model, real);
  }
  toString(): string {
    return `crash(${this.instanceId})`;
  }
}

/** Where time alone may take a domain from each state; settled states never move on their own. */
const TIMED_OUTCOMES: Record<string, string[]> = {
  booting: ['running/booted', 'shutoff/boot-failed'],
  'shutting-down': ['shutoff/shutdown', 'shutoff/shutdown-forced'],
};

/** Reads the domains even while the host is "lost": the check must not depend on the fault. */
async function peekDomains(model: Model, real: Real): Promise<Map<string, string>> {
  real.driver.restoreHost();
  const domains = await real.driver.listDomains();
  if (model.lost) real.driver.loseHost();
  return new Map(domains.map((d) => [d.instanceId, `${d.state}/${d.reason}`]));
}

class Advance implements Command {
  constructor(private readonly ms: number) {}
  check(): boolean {
    return true;
  }
  async run(model: Model, real: Real): Promise<void> {
    const before = await peekDomains(model, real);
    await jest.advanceTimersByTimeAsync(this.ms);
    const after = await peekDomains(model, real);
    for (const [instanceId, was] of before) {
      const now = after.get(instanceId)!;
      const outcomes = TIMED_OUTCOMES[was.split('/')[0]];
      if (outcomes === undefined) expect(now).toBe(was);
      else if (this.ms >= SETTLE_MS) expect(model.bootFaultsArmed ? outcomes : outcomes.filter((o) => o !== 'shutoff/boot-failed')).toContain(now);
      else expect([was, ...outcomes]).toContain(now);
    }
    await checkInvariants(model, real);
  }
  toString(): string {
    return `advance(${this.ms}ms)`;
  }
}

class SetHostLost implements Command {
  constructor(private readonly lost: boolean) {}
  check(): boolean {
    return true;
  }
  async run(model: Model, real: Real): Promise<void> {
    if (this.lost) real.driver.loseHost();
    else real.driver.restoreHost();
    model.lost = this.lost;
    await checkInvariants(model, real);
  }
  toString(): string {
    return this.lost ? 'loseHost' : 'restoreHost';
  }
}

class InjectBootFaults implements Command {
  constructor(
    private readonly count: number,
    private readonly instanceId: string | undefined,
  ) {}
  check(): boolean {
    return true;
  }
  async run(model: Model, real: Real): Promise<void> {
    if (this.instanceId === undefined) real.driver.failNextBoots(this.count);
    else if (this.count === 0) real.driver.clearBootFaults();
    else real.driver.failBootsOf(this.instanceId);
    // Sticky: a boot decides its fate when it begins, so clearing faults does not save one in flight.
    if (this.count > 0) model.bootFaultsArmed = true;
    await checkInvariants(model, real);
  }
  toString(): string {
    return this.instanceId === undefined ? `failNextBoots(${this.count})` : `failBootsOf(${this.instanceId}, ${this.count})`;
  }
}

const id = fc.constantFrom(...IDS);
const specArb = fc.record({
  instanceId: id,
  vcpus: fc.integer({ min: 1, max: 4 }),
  memoryMiB: fc.constantFrom(1024, 2048, 4096),
  diskGiB: fc.constantFrom(20, 40),
  imageId: fc.constantFrom('m-a', 'm-b'),
  hostName: fc.constant('guest'),
  mac: fc.constant('00:16:3e:00:00:01'),
  privateIp: fc.constant('172.16.0.2'),
});

const define = specArb.map((spec) => new Define(spec));
const power = fc
  .tuple(fc.constantFrom('start', 'shutdown', 'destroy', 'reboot', 'undefine' as const), id, fc.integer({ min: 0, max: MAX_SHUTDOWN_TIMEOUT_MS }))
  .map(([op, instanceId, timeoutMs]) => new Power(op, instanceId, timeoutMs));
const advance = fc.oneof(fc.integer({ min: 0, max: BOOT_MS }), fc.constant(SETTLE_MS)).map((ms) => new Advance(ms));

// Repeated entries weight the pick towards ordinary operations; faults stay rarer, as in life.
const weighted: fc.Arbitrary<Command>[] = [
  define,
  define,
  power,
  power,
  power,
  power,
  advance,
  advance,
  id.map((instanceId) => new Crash(instanceId)),
  fc.boolean().map((lost) => new SetHostLost(lost)),
  fc.tuple(fc.integer({ min: 0, max: 3 }), fc.option(id, { nil: undefined })).map(([count, instanceId]) => new InjectBootFaults(count, instanceId)),
];
const commands = fc.commands(weighted, { maxCommands: 80, size: 'large' });

describe('SimDriver model', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('never reaches an invalid state and always accounts exactly the defined domains', async () => {
    await fc.assert(
      fc.asyncProperty(commands, async (cmds) => {
        jest.clearAllTimers();
        const setup = () => ({
          model: { specs: new Map<string, DomainSpec>(), lost: false, bootFaultsArmed: false },
          real: { driver: new SimDriver({ hostName: 'h-model', capacity: CAPACITY, bootMs: BOOT_MS, guestShutdownMs: GUEST_SHUTDOWN_MS }) },
        });
        await fc.asyncModelRun(setup, cmds);
      }),
      { numRuns: 200 },
    );
  });
});

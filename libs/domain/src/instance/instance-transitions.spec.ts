import fc from 'fast-check';
import { INSTANCE_STATUSES, type InstanceStatus } from './instance-status';
import { canTransition, INSTANCE_TRANSITIONS, transitionFor, type InstanceEvent } from './instance-transitions';

const EVENTS = Object.keys(INSTANCE_TRANSITIONS) as InstanceEvent[];

/** Applies events the way persistence does: the guard decides, a refused event changes nothing. */
function replay(start: InstanceStatus, events: readonly InstanceEvent[]): InstanceStatus[] {
  const seen: InstanceStatus[] = [start];
  let status = start;
  for (const event of events) {
    if (canTransition(status, event)) status = transitionFor(event).to;
    seen.push(status);
  }
  return seen;
}

describe('instance state machine', () => {
  it('never leaves Deleted, whatever happens next', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...EVENTS), { maxLength: 60 }), (events) => {
        const statuses = replay('Pending', events);
        const firstDeleted = statuses.indexOf('Deleted');
        return firstDeleted < 0 || statuses.slice(firstDeleted).every((s) => s === 'Deleted');
      }),
    );
  });

  it('only ever reaches statuses of the ECS lifecycle', () => {
    fc.assert(
      fc.property(fc.constantFrom(...INSTANCE_STATUSES), fc.array(fc.constantFrom(...EVENTS), { maxLength: 60 }), (start, events) =>
        replay(start, events).every((s) => (INSTANCE_STATUSES as readonly string[]).includes(s)),
      ),
    );
  });

  it('powers a guest on exactly when it is Starting or Running', () => {
    for (const event of EVENTS) {
      const t = transitionFor(event);
      expect(t.power === 'on').toBe(t.to === 'Starting' || t.to === 'Running');
    }
  });

  it('can always get any live instance to Deleted, and a Stopped one to Running again', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...EVENTS), { maxLength: 40 }), (events) => {
        const status = replay('Pending', events).at(-1)!;
        if (status === 'Deleted') return true;
        const canDelete = canTransition(status, 'forceDelete');
        const restartable = status !== 'Stopped' || (canTransition('Stopped', 'start') && canTransition('Starting', 'started'));
        return canDelete && restartable;
      }),
    );
  });

  it('refuses what ECS refuses: start a Running instance, stop a Stopped one, delete a Running one without force', () => {
    expect(canTransition('Running', 'start')).toBe(false);
    expect(canTransition('Stopped', 'stop')).toBe(false);
    expect(canTransition('Running', 'delete')).toBe(false);
    expect(canTransition('Running', 'forceDelete')).toBe(true);
  });
});

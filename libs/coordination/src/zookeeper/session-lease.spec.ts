import { SessionLease } from './session-lease';

describe('SessionLease', () => {
  it('is fresh for two thirds of the timeout, doubtful to the end of it, lapsed after', () => {
    const lease = new SessionLease(900, 1000);
    expect([lease.state(1000), lease.state(1600), lease.state(1601), lease.state(1900), lease.state(1901)]).toEqual([
      'fresh',
      'fresh',
      'doubtful',
      'doubtful',
      'lapsed',
    ]);
  });

  it('counts from when the answered request was sent, not when the answer came', () => {
    const lease = new SessionLease(900, 0);
    lease.confirm(500);
    expect(lease.state(1100)).toBe('fresh');
    expect(lease.state(1101)).toBe('doubtful');
  });

  it('never moves back when an older request is answered late', () => {
    const lease = new SessionLease(900, 0);
    lease.confirm(800);
    lease.confirm(100);
    expect(lease.state(1400)).toBe('fresh');
  });

  it('asks for a heartbeat a third of the timeout after the last one was sent', () => {
    const lease = new SessionLease(900, 0);
    expect(lease.heartbeatDue(299)).toBe(false);
    expect(lease.heartbeatDue(300)).toBe(true);
    lease.sent(300);
    expect(lease.heartbeatDue(599)).toBe(false);
  });
});

import { BastionError } from '../errors/bastion-error';
import { FailureThrottle } from './failure-throttle';

describe('FailureThrottle', () => {
  it('refuses an address after its failures this minute, and forgives it the next minute', () => {
    let now = 60_000 * 1000;
    const throttle = new FailureThrottle(2, () => now);
    throttle.assertAllowed('10.0.0.1');
    throttle.fail('10.0.0.1');
    throttle.fail('10.0.0.1');
    expect(() => throttle.assertAllowed('10.0.0.1')).toThrow(BastionError);
    expect(() => throttle.assertAllowed('10.0.0.2')).not.toThrow();
    now += 60_000;
    expect(() => throttle.assertAllowed('10.0.0.1')).not.toThrow();
  });
});

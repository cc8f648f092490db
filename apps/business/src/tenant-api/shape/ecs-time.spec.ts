import fc from 'fast-check';
import { ecsMinuteTime, ecsSecondTime } from './ecs-time';

describe('ECS time formats', () => {
  it('writes instance times in UTC to the minute', () => {
    expect(ecsMinuteTime('2017-12-10T04:04:59.999Z')).toBe('2017-12-10T04:04Z');
    expect(ecsMinuteTime('2017-12-10T12:04:00+08:00')).toBe('2017-12-10T04:04Z');
  });

  it('writes image times in UTC to the second', () => {
    expect(ecsSecondTime('2018-01-10T01:01:10.500Z')).toBe('2018-01-10T01:01:10Z');
  });

  it('keeps the shape for any instant', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }), (date) => {
        expect(ecsMinuteTime(date.toISOString())).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\dZ$/);
        expect(ecsSecondTime(date.toISOString())).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      }),
    );
  });
});

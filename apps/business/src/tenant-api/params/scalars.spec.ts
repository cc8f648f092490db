import fc from 'fast-check';
import { EcsError } from '@ecs/domain';
import { optionalBoolean, optionalEnum, optionalInteger, optionalString, requiredEnum, requiredString } from './scalars';

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof EcsError ? error.code : 'not-an-EcsError';
  }
  return undefined;
}

describe('scalar parameters', () => {
  it('treats an empty value like an absent one', () => {
    expect(optionalString({ Name: '' }, 'Name')).toBeUndefined();
    expect(optionalString({}, 'Name')).toBeUndefined();
    expect(optionalString({ Name: 'x' }, 'Name')).toBe('x');
  });

  it('reports a missing required string as MissingParameter naming it', () => {
    expect(() => requiredString({}, 'ImageId')).toThrow(expect.objectContaining({ code: 'MissingParameter', message: expect.stringContaining('ImageId') }));
    expect(codeOf(() => requiredString({ ImageId: '' }, 'ImageId'))).toBe('MissingParameter');
    expect(requiredString({ ImageId: 'm-1' }, 'ImageId')).toBe('m-1');
  });

  it('reads every integer inside the range back exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e6, max: 1e6 }), fc.nat(1000), fc.nat(1000), (min, a, b) => {
        const value = min + Math.min(a, b);
        expect(optionalInteger({ N: String(value) }, 'N', { min, max: min + Math.max(a, b) })).toBe(value);
      }),
    );
  });

  it('rejects integers outside the range', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }).filter((n) => n < 1 || n > 100), (value) => {
        expect(codeOf(() => optionalInteger({ N: String(value) }, 'N', { min: 1, max: 100 }))).toBe('InvalidParameter');
      }),
    );
  });

  it('rejects anything that is not a plain integer', () => {
    for (const raw of ['1.5', 'abc', '1e3', ' 1', '+1', '0x10', '1 ', '9999999999999999']) {
      expect(codeOf(() => optionalInteger({ N: raw }, 'N', { min: 0, max: Number.MAX_SAFE_INTEGER }))).toBe('InvalidParameter');
    }
  });

  it('accepts only true and false as booleans', () => {
    expect(optionalBoolean({ B: 'true' }, 'B')).toBe(true);
    expect(optionalBoolean({ B: 'false' }, 'B')).toBe(false);
    expect(optionalBoolean({}, 'B')).toBeUndefined();
    fc.assert(
      fc.property(fc.string({ minLength: 1 }).filter((s) => s !== 'true' && s !== 'false'), (raw) => {
        expect(codeOf(() => optionalBoolean({ B: raw }, 'B'))).toBe('InvalidParameter');
      }),
    );
  });

  it('accepts only the listed enum values', () => {
    const modes = ['AllTogether', 'SuccessFirst'] as const;
    expect(optionalEnum({ M: 'SuccessFirst' }, 'M', modes)).toBe('SuccessFirst');
    expect(optionalEnum({}, 'M', modes)).toBeUndefined();
    expect(codeOf(() => optionalEnum({ M: 'alltogether' }, 'M', modes))).toBe('InvalidParameter');
    expect(codeOf(() => requiredEnum({}, 'M', modes))).toBe('MissingParameter');
  });
});

import fc from 'fast-check';
import { isValidDescription, isValidHostName, isValidInstanceName, optionalDescription, optionalHostName, optionalInstanceName } from './ecs-names';

const letter = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'.split(''), '云', 'é');
const nameTail = fc.constantFrom(...'abcXYZ0189._:-'.split(''), '服');
const label = fc.stringMatching(/^[A-Za-z0-9]{1,8}$/);

describe('ECS name rules', () => {
  it('accepts instance names of 2–128 characters that start with a letter', () => {
    fc.assert(
      fc.property(letter, fc.array(nameTail, { minLength: 1, maxLength: 127 }), (first, rest) => {
        expect(isValidInstanceName(first + rest.join(''))).toBe(true);
      }),
    );
  });

  it('rejects instance names that are too short or long, start badly or hold other characters', () => {
    for (const name of ['a', '1abc', '-abc', '_abc', 'http://web', 'https://web', 'web server', 'web/1', 'web@1', 'a'.repeat(129)]) {
      expect(isValidInstanceName(name)).toBe(false);
    }
    expect(() => optionalInstanceName({ InstanceName: 'x' })).toThrow(expect.objectContaining({ code: 'InvalidInstanceName.Malformed' }));
    expect(optionalInstanceName({ InstanceName: 'web-01:blue_v1.2' })).toBe('web-01:blue_v1.2');
  });

  it('accepts Linux host names made of labels joined by single dots or hyphens', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('.', '-'), label), { maxLength: 6 }), label, (parts, head) => {
        const hostName = head + parts.map(([sep, part]) => sep + part).join('');
        fc.pre(hostName.length >= 2 && hostName.length <= 64);
        expect(isValidHostName(hostName)).toBe(true);
      }),
    );
  });

  it('rejects host names with a leading, trailing or doubled separator, or out of 2–64', () => {
    for (const name of ['a', '-web', 'web-', '.web', 'web.', 'we..b', 'we--b', 'we.-b', 'web_1', 'web 1', 'a'.repeat(65)]) {
      expect(isValidHostName(name)).toBe(false);
    }
    expect(() => optionalHostName({ HostName: 'web-' })).toThrow(expect.objectContaining({ code: 'InvalidHostName.Malformed' }));
    expect(optionalHostName({ HostName: 'web-1.prod' })).toBe('web-1.prod');
  });

  it('accepts descriptions of 2–256 characters that are not a URL', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 2, maxLength: 256, unit: 'grapheme-ascii' }).filter((s) => !/^https?:\/\//.test(s)), (description) => {
        expect(isValidDescription(description)).toBe(true);
      }),
    );
    for (const description of ['x', 'x'.repeat(257), 'http://example', 'https://example']) {
      expect(isValidDescription(description)).toBe(false);
    }
    expect(() => optionalDescription({ Description: 'x' })).toThrow(expect.objectContaining({ code: 'InvalidDescription.Malformed' }));
  });
});

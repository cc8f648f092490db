import fc from 'fast-check';
import { parseTags } from './tags';

describe('Tag.N parameters', () => {
  it('reads up to 20 tags in index order', () => {
    const key = fc.stringMatching(/^[a-z][a-z0-9-]{0,15}$/);
    fc.assert(
      fc.property(fc.uniqueArray(key, { maxLength: 20 }), fc.array(fc.string({ maxLength: 20 }), { minLength: 20, maxLength: 20 }), (keys, values) => {
        const params: Record<string, string> = {};
        keys.forEach((k, i) => {
          params[`Tag.${i + 1}.Key`] = k;
          params[`Tag.${i + 1}.Value`] = values[i]!;
        });
        expect(parseTags(params, 'assign')).toEqual(keys.map((k, i) => ({ key: k, value: values[i] })));
      }),
    );
  });

  it('gives a key without a value the empty value', () => {
    expect(parseTags({ 'Tag.1.Key': 'env' }, 'filter')).toEqual([{ key: 'env', value: '' }]);
  });

  it('requires a key for every value', () => {
    expect(() => parseTags({ 'Tag.2.Value': 'x' }, 'assign')).toThrow(expect.objectContaining({ code: 'MissingParameter', message: expect.stringContaining('Tag.2.Key') }));
  });

  it('rejects a 21st tag, duplicate keys and over-long keys or values', () => {
    expect(() => parseTags({ 'Tag.21.Key': 'k' }, 'assign')).toThrow(expect.objectContaining({ code: 'InvalidParameter' }));
    expect(() => parseTags({ 'Tag.1.Key': 'k', 'Tag.2.Key': 'k' }, 'assign')).toThrow(expect.objectContaining({ code: 'InvalidParameter' }));
    expect(() => parseTags({ 'Tag.1.Key': 'k'.repeat(129) }, 'assign')).toThrow(expect.objectContaining({ code: 'InvalidParameter' }));
    expect(() => parseTags({ 'Tag.1.Key': 'k', 'Tag.1.Value': 'v'.repeat(129) }, 'assign')).toThrow(expect.objectContaining({ code: 'InvalidParameter' }));
    expect(() => parseTags({ 'Tag.1.Key': 'see https://x' }, 'filter')).toThrow(expect.objectContaining({ code: 'InvalidParameter' }));
  });

  it('keeps the reserved prefixes for the platform when assigning, but lets filters name them', () => {
    expect(() => parseTags({ 'Tag.1.Key': 'acs:ecs:owner' }, 'assign')).toThrow(expect.objectContaining({ code: 'InvalidParameter' }));
    expect(() => parseTags({ 'Tag.1.Key': 'aliyun-x' }, 'assign')).toThrow(expect.objectContaining({ code: 'InvalidParameter' }));
    expect(parseTags({ 'Tag.1.Key': 'acs:ecs:owner', 'Tag.1.Value': 'me' }, 'filter')).toEqual([{ key: 'acs:ecs:owner', value: 'me' }]);
  });
});

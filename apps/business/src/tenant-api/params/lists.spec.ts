import fc from 'fast-check';
import { commaSeparatedList, jsonStringArray, repeatedList } from './lists';

const value = fc.string({ minLength: 1, maxLength: 12 });

describe('list parameters', () => {
  it('reads Name.N values in index order whatever order the keys arrive in', () => {
    const valuesAndKeyOrder = fc
      .array(value, { maxLength: 20 })
      .chain((values) => fc.tuple(fc.constant(values), fc.shuffledSubarray(values.map((_, i) => i), { minLength: values.length })));
    fc.assert(
      fc.property(valuesAndKeyOrder, ([values, order]) => {
        const params = Object.fromEntries(order.map((i) => [`InstanceId.${i + 1}`, values[i]]));
        expect(repeatedList(params, 'InstanceId', 20)).toEqual(values);
      }),
    );
  });

  it('orders by number, not by text (10 after 9)', () => {
    const params = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`X.${i + 1}`, `v${i + 1}`]));
    expect(repeatedList(params, 'X', 10)).toEqual(['v1', 'v2', 'v3', 'v4', 'v5', 'v6', 'v7', 'v8', 'v9', 'v10']);
  });

  it('ignores parameters that only share the prefix', () => {
    expect(repeatedList({ 'InstanceId.1': 'i-1', InstanceIds: '["i-2"]', 'InstanceIdX.1': 'i-3', 'InstanceId.1.Key': 'k' }, 'InstanceId', 100)).toEqual(['i-1']);
  });

  it('rejects N outside 1..max and empty items', () => {
    expect(() => repeatedList({ 'X.0': 'a' }, 'X', 5)).toThrow(expect.objectContaining({ code: 'InvalidParameter' }));
    expect(() => repeatedList({ 'X.6': 'a' }, 'X', 5)).toThrow(expect.objectContaining({ code: 'InvalidParameter' }));
    expect(() => repeatedList({ 'X.1': '' }, 'X', 5)).toThrow(expect.objectContaining({ code: 'InvalidParameter' }));
  });

  it('round-trips any JSON array of strings up to the cap', () => {
    fc.assert(
      fc.property(fc.array(value, { maxLength: 100 }), (values) => {
        expect(jsonStringArray({ InstanceIds: JSON.stringify(values) }, 'InstanceIds', 100)).toEqual(values);
      }),
    );
  });

  it('rejects JSON that is not an array of non-empty strings, or too long', () => {
    for (const raw of ['i-1', '{"a":1}', '[1,2]', '["i-1",null]', '[""]', '["i-1"']) {
      expect(() => jsonStringArray({ Ids: raw }, 'Ids', 100)).toThrow(expect.objectContaining({ code: 'InvalidParameter' }));
    }
    expect(() => jsonStringArray({ Ids: JSON.stringify(['a', 'b', 'c']) }, 'Ids', 2)).toThrow(expect.objectContaining({ code: 'InvalidParameter' }));
    expect(jsonStringArray({}, 'Ids', 2)).toBeUndefined();
  });

  it('splits comma-separated values, trimming and dropping blanks', () => {
    expect(commaSeparatedList({ ImageId: 'm-1, m-2,,m-3' }, 'ImageId', 100)).toEqual(['m-1', 'm-2', 'm-3']);
    expect(commaSeparatedList({}, 'ImageId', 100)).toBeUndefined();
    expect(() => commaSeparatedList({ ImageId: 'a,b,c' }, 'ImageId', 2)).toThrow(expect.objectContaining({ code: 'InvalidParameter' }));
  });
});

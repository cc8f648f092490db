import fc from 'fast-check';
import { pageOf, pageRequest } from './pagination';

describe('PageNumber / PageSize', () => {
  it('defaults to the first page of the action default size', () => {
    expect(pageRequest({}, { defaultSize: 10, maxSize: 50 })).toEqual({ pageNumber: 1, pageSize: 10 });
  });

  it('rejects page 0 and sizes beyond the cap', () => {
    expect(() => pageRequest({ PageNumber: '0' }, { defaultSize: 10, maxSize: 50 })).toThrow(expect.objectContaining({ code: 'InvalidParameter' }));
    expect(() => pageRequest({ PageSize: '51' }, { defaultSize: 10, maxSize: 50 })).toThrow(expect.objectContaining({ code: 'InvalidParameter' }));
  });

  it('pages that cover every item exactly once, in order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer(), { maxLength: 200 }), fc.integer({ min: 1, max: 30 }), (items, pageSize) => {
        const pages = Math.ceil(items.length / pageSize) + 1;
        const seen = Array.from({ length: pages }, (_, i) => pageOf(items, { pageNumber: i + 1, pageSize })).flat();
        expect(seen).toEqual(items);
      }),
    );
  });
});

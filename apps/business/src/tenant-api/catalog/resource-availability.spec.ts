import fc from 'fast-check';
import { availabilityOf, bestAvailability } from './resource-availability';

describe('resource availability', () => {
  it.each([
    [true, 5, 'Available', 'WithStock'],
    [true, 0, 'SoldOut', 'WithoutStock'],
    [false, 5, 'SoldOut', 'ClosedWithStock'],
    [false, 0, 'SoldOut', 'ClosedWithoutStock'],
  ])('onSale=%s with %i free is %s / %s', (onSale, free, status, statusCategory) => {
    expect(availabilityOf(onSale, free)).toEqual({ status, statusCategory });
  });

  it('rates a zone by its most purchasable resource', () => {
    const availability = fc.tuple(fc.boolean(), fc.nat(3)).map(([onSale, free]) => availabilityOf(onSale, free));
    fc.assert(
      fc.property(fc.array(availability, { minLength: 1, maxLength: 8 }), (items) => {
        const best = bestAvailability(items);
        expect(items).toContainEqual(best);
        expect(best.status === 'Available').toBe(items.some((item) => item.status === 'Available'));
      }),
    );
    expect(bestAvailability([availabilityOf(false, 3), availabilityOf(true, 0)]).statusCategory).toBe('WithoutStock');
  });
});

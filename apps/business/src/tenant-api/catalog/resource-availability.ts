/** ECS DescribeAvailableResource `Status`: whether the resource can be bought right now. */
export type ResourceStatus = 'Available' | 'SoldOut';

/**
 * ECS `StatusCategory`. "Closed" means not on sale (the sale spec is off); "with stock" means the
 * capacity ledger still has room for at least one more instance.
 */
export type StatusCategory = 'WithStock' | 'ClosedWithStock' | 'WithoutStock' | 'ClosedWithoutStock';

export interface Availability {
  readonly status: ResourceStatus;
  readonly statusCategory: StatusCategory;
}

/** From most to least purchasable: an open zone that is sold out will be restocked, a closed one will not. */
const CATEGORY_RANK: readonly StatusCategory[] = ['WithStock', 'WithoutStock', 'ClosedWithStock', 'ClosedWithoutStock'];

export function availabilityOf(onSale: boolean, availableCount: number): Availability {
  const withStock = availableCount > 0;
  const statusCategory: StatusCategory = onSale
    ? withStock
      ? 'WithStock'
      : 'WithoutStock'
    : withStock
      ? 'ClosedWithStock'
      : 'ClosedWithoutStock';
  return { status: statusCategory === 'WithStock' ? 'Available' : 'SoldOut', statusCategory };
}

/** A zone is as purchasable as the best resource it offers. */
export function bestAvailability(items: readonly Availability[]): Availability {
  let best: Availability = { status: 'SoldOut', statusCategory: 'ClosedWithoutStock' };
  for (const item of items) {
    if (CATEGORY_RANK.indexOf(item.statusCategory) < CATEGORY_RANK.indexOf(best.statusCategory)) best = item;
  }
  return best;
}

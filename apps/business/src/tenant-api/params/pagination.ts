import { INT32_MAX, optionalInteger, type Params } from './scalars';

export interface PageRequest {
  readonly pageNumber: number;
  readonly pageSize: number;
}

export interface PageLimits {
  readonly defaultSize: number;
  readonly maxSize: number;
}

/** `PageNumber` (from 1, default 1) and `PageSize` (from 1, per-action default and cap). */
export function pageRequest(params: Params, limits: PageLimits): PageRequest {
  return {
    pageNumber: optionalInteger(params, 'PageNumber', { min: 1, max: INT32_MAX }) ?? 1,
    pageSize: optionalInteger(params, 'PageSize', { min: 1, max: limits.maxSize }) ?? limits.defaultSize,
  };
}

export function pageOf<T>(items: readonly T[], page: PageRequest): T[] {
  const start = (page.pageNumber - 1) * page.pageSize;
  return items.slice(start, start + page.pageSize);
}

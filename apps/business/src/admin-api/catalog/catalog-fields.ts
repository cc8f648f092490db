import { z } from 'zod';

/** Shared field rules for the catalog forms; ids follow ECS naming (ecs.g7, ecs.g7.large). */
export const familyId = z.string({ error: 'enter a family id' }).regex(/^ecs\.[a-z][a-z0-9-]{0,28}$/, 'an ECS family id such as ecs.g7');
export const instanceTypeId = z.string({ error: 'enter an instance type id' }).regex(/^ecs\.[a-z][a-z0-9-]{0,28}\.[a-z0-9-]{1,32}$/, 'an ECS instance type id such as ecs.g7.large');
export const zoneId = z.string({ error: 'enter a zone id' }).regex(/^[a-z]+-[a-z0-9-]+$/, 'a zone id such as cn-hangzhou-h');
/** Pay-as-you-go, per hour, to a thousandth of the currency unit (stored as an integer of thousandths). */
export const pricePerHour = z
  .number({ error: 'enter a price per hour' })
  .min(0, 'a price cannot be negative')
  .max(1_000_000, 'at most 1,000,000 per hour')
  .refine((v) => Math.abs(v * 1000 - Math.round(v * 1000)) < 1e-6, 'at most three decimals');
export const currency = z.string({ error: 'enter a currency' }).regex(/^[A-Z]{3}$/, 'a three-letter ISO currency code such as CNY');

export function toMilli(price: number): number {
  return Math.round(price * 1000);
}

/**
 * The `prefetch` option of `iterateChatHistory`: how many pages a walk may request ahead.
 *
 * @module
 */
import { invalidParameter } from "./validate.ts";

/**
 * The most pages a walk requests ahead: each one is a page in memory and a request the vendor
 * serves at once, and past a few the link's latency is hidden already.
 */
export const MAX_PREFETCH = 16;

/**
 * Returns `prefetch`, or its default 0 (requests one at a time, as the walk reads them): an
 * integer from 0 to {@link MAX_PREFETCH}.
 *
 * @example
 * ```ts
 * checkPrefetch(undefined); // 0
 * checkPrefetch(4); // 4
 * ```
 */
export function checkPrefetch(value: unknown): number {
  if (value === undefined) return 0;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > MAX_PREFETCH)
    invalidParameter(`prefetch must be an integer from 0 to ${MAX_PREFETCH}`);
  return value;
}

/**
 * How old a cohort's data is: for each user still listed and read at least once, the time since
 * their last read began (what their counts are fresh as of). Computed per scrape in one pass over
 * the user index's typed arrays, then a selection (not a sort) for each quantile: linear, about
 * 10 ms at a million users.
 *
 * @module
 */

/** The quantiles `mybot_cohort_staleness_seconds` shows; 1 is the oldest. */
export const STALENESS_QUANTILES = [0.5, 0.9, 0.99, 1] as const;

export interface Staleness {
  /** Ages (ms) at each of {@link STALENESS_QUANTILES}; empty when no user has been read. */
  quantiles: number[];
  /** Users whose last read began more than `max_staleness` ago. */
  overdue: number;
  /** Users counted (listed and read at least once). */
  read: number;
  /** Their ages added up (ms): with `read`, the mean. */
  sumMs: number;
}

let scratch = new Float64Array(1024);

/** Rearranges `a[lo..hi]` so that `a[k]` is the value a sort would put there (Hoare's select). */
function select(a: Float64Array, lo: number, hi: number, k: number): number {
  while (hi > lo) {
    const pivot = a[(lo + hi) >>> 1] as number;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((a[i] as number) < pivot) i++;
      while ((a[j] as number) > pivot) j--;
      if (i <= j) {
        const t = a[i] as number;
        a[i++] = a[j] as number;
        a[j--] = t;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return a[k] as number;
}

/**
 * @param lastReadAt per user slot, the start of their last read (NaN: never)
 * @param left per user slot, 1 when the cohort no longer lists them
 * @example
 * ```ts
 * staleness(Float64Array.of(0, 500, NaN), Uint8Array.of(0, 0, 0), 3, 1000, 600);
 * // { quantiles: [500, 1000, 1000, 1000], overdue: 1, read: 2, sumMs: 1500 }
 * ```
 */
export function staleness(
  lastReadAt: Float64Array,
  left: Uint8Array,
  count: number,
  now: number,
  maxStalenessMs: number,
): Staleness {
  if (scratch.length < count) scratch = new Float64Array(count);
  let n = 0;
  let overdue = 0;
  let sumMs = 0;
  for (let slot = 0; slot < count; slot++) {
    const at = lastReadAt[slot] as number;
    if (left[slot] === 1 || Number.isNaN(at)) continue;
    const age = Math.max(0, now - at);
    if (age > maxStalenessMs) overdue++;
    sumMs += age;
    scratch[n++] = age;
  }
  const quantiles: number[] = [];
  // From the highest down: each selection leaves the lower ones in the part before it.
  let hi = n - 1;
  for (const q of [...STALENESS_QUANTILES].reverse()) {
    if (n === 0) break;
    const k = Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1));
    quantiles.unshift(select(scratch, 0, hi, k));
    hi = k;
  }
  return { quantiles, overdue, read: n, sumMs };
}

/**
 * The last `size` grant times, in a ring: the budget's cap of `size` requests in any one-second
 * window only needs the oldest of them (a request may go when it is a second old).
 *
 * @module
 */

export interface RecentWindow {
  push(time: number): void;
  /** The oldest of the last `size` times, or -Infinity while fewer than `size` were pushed. */
  oldestIfFull(): number;
}

/**
 * @example
 * ```ts
 * const recent = recentWindow(2);
 * recent.push(0); recent.push(400);
 * recent.oldestIfFull(); // 0: the next request may go at 0 + 1000
 * ```
 */
export function recentWindow(size: number): RecentWindow {
  const times = new Float64Array(size);
  let next = 0;
  let count = 0;
  return {
    push(time) {
      times[next] = time;
      next = (next + 1) % size;
      if (count < size) count++;
    },
    oldestIfFull: () => (count < size ? Number.NEGATIVE_INFINITY : (times[next] as number)),
  };
}

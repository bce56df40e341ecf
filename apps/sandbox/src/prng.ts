/**
 * The one seeded pseudo-random generator of the repository (mulberry32): the sandbox's data
 * generator draws from it, and tests and benchmarks reach it through `@mybot/sandbox` or
 * `@mybot/test-kit`, so that a seed replays the same run wherever it is used.
 *
 * @module
 */

/**
 * mulberry32: small, fast, and good enough for test data; the same seed replays the same run.
 *
 * @example
 * ```ts
 * const rand = prng(42); rand(); // a number in [0, 1)
 * ```
 */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

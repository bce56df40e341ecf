/**
 * The exporter benches' one smoke-run switch: `--quick` or `BENCH_QUICK=1` (MYBOT_BENCH_QUICK=1,
 * the state bench's old name, still works).
 *
 * @example
 * ```ts
 * const USERS = quick ? 100_000 : 1_000_000;
 * ```
 */
export const quick =
  process.argv.includes("--quick") ||
  process.env.BENCH_QUICK === "1" ||
  process.env.MYBOT_BENCH_QUICK === "1";

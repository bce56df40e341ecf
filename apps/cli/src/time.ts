/**
 * `--since` and `--until`: a duration back from now (`30m`, `24h`, `7d`, `2w`), an ISO date
 * (UTC when it has no zone), or epoch milliseconds, as @mybot/runtime reads them; a mistake is a
 * usage error naming the flag.
 *
 * @module
 */
import { parseTime } from "@mybot/runtime";
import { UsageError } from "./config.ts";

/**
 * @example
 * ```ts
 * parseWhen("since", "7d", Date.now()); // a week ago, in epoch ms
 * parseWhen("since", undefined, Date.now()); // undefined: no bound
 * ```
 */
export function parseWhen(flag: string, text: string | undefined, now: number): number | undefined {
  if (text === undefined) return undefined;
  const ms = parseTime(text, now);
  if (ms !== undefined) return ms;
  throw new UsageError(
    `--${flag} "${text}": give a duration like 7d or 24h, a date like 2024-01-31, or epoch milliseconds`,
  );
}

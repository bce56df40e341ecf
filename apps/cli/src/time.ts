/**
 * `--since` and `--until`: a duration back from now (`30m`, `24h`, `7d`, `2w`), an ISO date
 * (UTC when it has no zone), or epoch milliseconds.
 *
 * @module
 */
import { UsageError } from "./config.ts";

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;

export function parseWhen(flag: string, text: string | undefined, now: number): number | undefined {
  if (text === undefined) return undefined;
  const duration = /^(\d{1,6})([mhdw])$/.exec(text);
  if (duration) return now - Number(duration[1]) * UNIT_MS[duration[2] as keyof typeof UNIT_MS];
  if (/^\d{10,16}$/.test(text)) return Number(text);
  if (/^\d{4}-\d{2}-\d{2}/.test(text)) {
    const iso = /[zZ]|[+-]\d{2}:?\d{2}$/.test(text) || text.length === 10 ? text : `${text}Z`;
    const ms = Date.parse(iso);
    if (!Number.isNaN(ms)) return ms;
  }
  throw new UsageError(
    `--${flag} "${text}": give a duration like 7d or 24h, a date like 2024-01-31, or epoch milliseconds`,
  );
}

/**
 * The checks behind loadConfig (config.ts): each setting's type and range, and the cohorts, each
 * failing with one sentence that names the field.
 *
 * @module
 */
import { parseDuration } from "@mybot/runtime";
import type { Cohort } from "./config.ts";
import { MAX_BUDGET, MIN_BUDGET } from "./request-budget.ts";

export class ExporterConfigError extends Error {
  override name = "ExporterConfigError";
}

/** Throws the one-sentence error: `field: problem`. */
export const fail = (field: string, problem: string): never => {
  throw new ExporterConfigError(`${field}: ${problem}`);
};

/**
 * @example
 * ```ts
 * whole("concurrency", "4", 1, 64); // 4
 * ```
 */
export function whole(
  field: string,
  value: unknown,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  const n = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== "number" || !Number.isInteger(n) || n < min || n > max)
    fail(
      field,
      `must be a whole number from ${min}${max < Number.MAX_SAFE_INTEGER ? ` to ${max}` : ""}, not ${JSON.stringify(value)}`,
    );
  return n as number;
}

/**
 * @example
 * ```ts
 * duration("session_gap", "30m"); // 1 800 000
 * ```
 */
export function duration(field: string, value: unknown): number {
  const ms = typeof value === "string" ? parseDuration(value.trim()) : undefined;
  if (ms === undefined || ms <= 0)
    fail(field, `must be a duration like 30m, 24h or 7d, not ${JSON.stringify(value)}`);
  return ms as number;
}

/**
 * Requests per second: fractions allowed (0.5 is one every two seconds), as YAML or text.
 *
 * @example
 * ```ts
 * rate("max_requests_per_second", "0.5"); // 0.5
 * ```
 */
export function rate(field: string, value: unknown): number {
  const n = typeof value === "string" && /^\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : value;
  if (typeof n !== "number" || !Number.isFinite(n) || n < MIN_BUDGET || n > MAX_BUDGET)
    fail(
      field,
      `must be a number of requests per second from ${MIN_BUDGET} to ${MAX_BUDGET}, such as 5 or 0.5, not ${JSON.stringify(value)}`,
    );
  return n as number;
}

/**
 * The schedule's bounds: the staleness a week at most, and room for two reads of an active user
 * in it.
 *
 * @example
 * ```ts
 * readBounds("1h", "30s"); // { maxStalenessMs: 3 600 000, minReadIntervalMs: 30 000 }
 * ```
 */
export function readBounds(staleness: unknown, minInterval: unknown) {
  const maxStalenessMs = duration("max_staleness", String(staleness));
  if (maxStalenessMs < 60_000 || maxStalenessMs > 7 * 86_400_000)
    fail("max_staleness", `must be from 1m to 7d, not ${JSON.stringify(staleness)}`);
  const minReadIntervalMs = duration("min_read_interval", String(minInterval));
  if (minReadIntervalMs * 2 > maxStalenessMs)
    fail(
      "min_read_interval",
      `must be at most half of max_staleness (${JSON.stringify(staleness)}), not ${JSON.stringify(minInterval)}`,
    );
  return { maxStalenessMs, minReadIntervalMs };
}

/**
 * A read's start is an epoch-ms `start_date`: a window reaching before 1970 has none.
 *
 * @example
 * ```ts
 * backfillWindow("30d"); // 2 592 000 000
 * ```
 */
export function backfillWindow(value: string): number {
  const ms = duration("backfill", value);
  if (ms >= Date.now())
    fail(
      "backfill",
      `reaches back before 1970 (${JSON.stringify(value)}); use a shorter duration, or all`,
    );
  return ms;
}

/**
 * The `cohorts` list: names are label values, each used once.
 *
 * @example
 * ```ts
 * parseCohorts([{ name: "gold", attribute_name: "plan", attribute_value: "gold" }]);
 * ```
 */
export function parseCohorts(rawCohorts: unknown): Cohort[] {
  if (!Array.isArray(rawCohorts) || rawCohorts.length === 0)
    fail("cohorts", "at least one cohort is required (name, attribute_name, attribute_value)");
  const cohorts = (rawCohorts as unknown[]).map((c, i): Cohort => {
    const at = `cohorts[${i}]`;
    if (typeof c !== "object" || c === null) return fail(at, "must be a mapping");
    const entry = c as Record<string, unknown>;
    for (const key of Object.keys(entry))
      if (!["name", "attribute_name", "attribute_value"].includes(key))
        fail(`${at}.${key}`, "unknown field");
    for (const key of ["name", "attribute_name", "attribute_value"]) {
      if (typeof entry[key] !== "string" && typeof entry[key] !== "number")
        fail(`${at}.${key}`, "is required");
      if (String(entry[key]) === "") fail(`${at}.${key}`, "must not be empty");
    }
    if (!/^[A-Za-z0-9_.-]{1,64}$/.test(String(entry.name)))
      fail(`${at}.name`, "use letters, digits, _, . or - (it becomes a label value)");
    return {
      name: String(entry.name),
      attributeName: String(entry.attribute_name),
      attributeValue: String(entry.attribute_value),
    };
  });
  const names = new Set<string>();
  for (const [i, c] of cohorts.entries()) {
    if (names.has(c.name)) fail(`cohorts[${i}].name`, `"${c.name}" is used twice`);
    names.add(c.name);
  }

  return cohorts;
}

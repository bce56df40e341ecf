/**
 * The exporter's configuration: a YAML file (`MYBOT_EXPORTER_CONFIG`), then the environment, then
 * flags (`--shard i --total-shards n`). Every mistake names its field. MyBOT credentials come from
 * the environment only, so the file can be committed.
 *
 * @module
 */
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { parseDuration } from "./duration.ts";
import { MAX_BUDGET, MIN_BUDGET } from "./request-budget.ts";

export interface Cohort {
  name: string;
  attributeName: string;
  attributeValue: string;
}

export interface ExporterConfig {
  cohorts: Cohort[];
  /** How often each cohort's users are listed; users' histories are read by the schedule. */
  pollIntervalMs: number;
  /** Every request to MyBOT, retries and listings included, shares this budget. */
  maxRequestsPerSecond: number;
  /** Every user is read at least this often. */
  maxStalenessMs: number;
  /** No user is read more often than this. */
  minReadIntervalMs: number;
  concurrency: number;
  pageSize: number;
  /** How far back a new user's history is read; undefined reads it whole. */
  backfillMs: number | undefined;
  sessionGapMs: number;
  /** Per request to MyBOT; a user's read gives up after three times this. */
  requestTimeoutMs: number;
  statePath: string;
  shard: number;
  totalShards: number;
  port: number;
  mybot: { baseUrl: string; apiKey: string; customerId: string; botKey: string };
}

export class ExporterConfigError extends Error {
  override name = "ExporterConfigError";
}

const KEYS = [
  "cohorts",
  "poll_interval_seconds",
  "max_requests_per_second",
  "max_staleness",
  "min_read_interval",
  "concurrency",
  "page_size",
  "backfill",
  "session_gap",
  "request_timeout_seconds",
  "state_path",
  "shard",
  "total_shards",
];
const fail = (field: string, problem: string): never => {
  throw new ExporterConfigError(`${field}: ${problem}`);
};

function whole(field: string, value: unknown, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const n = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== "number" || !Number.isInteger(n) || n < min || n > max)
    fail(
      field,
      `must be a whole number from ${min}${max < Number.MAX_SAFE_INTEGER ? ` to ${max}` : ""}, not ${JSON.stringify(value)}`,
    );
  return n as number;
}

function duration(field: string, value: unknown): number {
  const ms = typeof value === "string" ? parseDuration(value) : undefined;
  if (ms === undefined || ms <= 0)
    fail(field, `must be a duration like 30m, 24h or 7d, not ${JSON.stringify(value)}`);
  return ms as number;
}

/** Requests per second: fractions allowed (0.5 is one every two seconds), as YAML or text. */
function rate(field: string, value: unknown): number {
  const n = typeof value === "string" && /^\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : value;
  if (typeof n !== "number" || !Number.isFinite(n) || n < MIN_BUDGET || n > MAX_BUDGET)
    fail(
      field,
      `must be a number of requests per second from ${MIN_BUDGET} to ${MAX_BUDGET}, such as 5 or 0.5, not ${JSON.stringify(value)}`,
    );
  return n as number;
}

/** The schedule's bounds: the staleness a day at most, and room for two reads of an active user in it. */
function readBounds(staleness: unknown, minInterval: unknown) {
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

/** A read's start is an epoch-ms `start_date`: a window reaching before 1970 has none. */
function backfillWindow(value: string): number {
  const ms = duration("backfill", value);
  if (ms >= Date.now())
    fail(
      "backfill",
      `reaches back before 1970 (${JSON.stringify(value)}); use a shorter duration, or all`,
    );
  return ms;
}

/**
 * @example
 * ```ts
 * const config = loadConfig(process.env, process.argv.slice(2));
 * ```
 */
export function loadConfig(
  env: Record<string, string | undefined>,
  argv: string[] = [],
): ExporterConfig {
  let file: Record<string, unknown> = {};
  if (env.MYBOT_EXPORTER_CONFIG) {
    let text: string;
    try {
      text = readFileSync(env.MYBOT_EXPORTER_CONFIG, "utf8");
    } catch {
      return fail("MYBOT_EXPORTER_CONFIG", `cannot read ${env.MYBOT_EXPORTER_CONFIG}`);
    }
    try {
      file = (parse(text) ?? {}) as Record<string, unknown>;
    } catch (error) {
      return fail(
        env.MYBOT_EXPORTER_CONFIG,
        `is not valid YAML (${(error as Error).message.split("\n")[0]})`,
      );
    }
    if (typeof file !== "object" || Array.isArray(file))
      fail(env.MYBOT_EXPORTER_CONFIG, "must be a mapping of settings");
    for (const key of Object.keys(file)) {
      if (/api_key|customer_id|bot_key|apikey/i.test(key))
        fail(
          key,
          "MyBOT credentials come from the environment only (MYBOT_API_KEY, MYBOT_CUSTOMER_ID, MYBOT_BOT_KEY)",
        );
      if (!KEYS.includes(key)) fail(key, `unknown setting (expected one of ${KEYS.join(", ")})`);
    }
  }
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--shard" || arg === "--total-shards") {
      const value = argv[++i];
      if (value === undefined) fail(arg, "needs a value");
      flags.set(arg, value as string);
    } else fail(arg, "unknown flag (expected --shard i --total-shards n)");
  }
  const setting = (key: string, envName: string, flag?: string) =>
    (flag && flags.get(flag)) ?? env[envName] ?? file[key];

  const rawCohorts = file.cohorts;
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

  const backfill = String(setting("backfill", "MYBOT_EXPORTER_BACKFILL") ?? "30d");
  const totalShards = whole(
    "total_shards",
    setting("total_shards", "MYBOT_EXPORTER_TOTAL_SHARDS", "--total-shards") ?? 1,
    1,
    1024,
  );
  const shard = whole(
    "shard",
    setting("shard", "MYBOT_EXPORTER_SHARD", "--shard") ?? 0,
    0,
    totalShards - 1,
  );

  const reads = readBounds(
    setting("max_staleness", "MYBOT_EXPORTER_MAX_STALENESS") ?? "1h",
    setting("min_read_interval", "MYBOT_EXPORTER_MIN_READ_INTERVAL") ?? "30s",
  );

  const missing = ["MYBOT_API_KEY", "MYBOT_CUSTOMER_ID", "MYBOT_BOT_KEY"].filter((n) => !env[n]);
  if (missing.length) fail(missing.join(", "), "must be set in the environment");
  return {
    cohorts,
    pollIntervalMs:
      whole(
        "poll_interval_seconds",
        setting("poll_interval_seconds", "MYBOT_EXPORTER_POLL_INTERVAL_SECONDS") ?? 30,
        1,
        86_400,
      ) * 1000,
    maxRequestsPerSecond: rate(
      "max_requests_per_second",
      setting("max_requests_per_second", "MYBOT_EXPORTER_MAX_REQUESTS_PER_SECOND") ?? 5,
    ),
    ...reads,
    concurrency: whole(
      "concurrency",
      setting("concurrency", "MYBOT_EXPORTER_CONCURRENCY") ?? 4,
      1,
      64,
    ),
    pageSize: whole("page_size", setting("page_size", "MYBOT_EXPORTER_PAGE_SIZE") ?? 500, 1, 1000),
    backfillMs: backfill === "all" ? undefined : backfillWindow(backfill),
    sessionGapMs: duration(
      "session_gap",
      String(setting("session_gap", "MYBOT_EXPORTER_SESSION_GAP") ?? "30m"),
    ),
    requestTimeoutMs:
      whole(
        "request_timeout_seconds",
        setting("request_timeout_seconds", "MYBOT_EXPORTER_REQUEST_TIMEOUT_SECONDS") ?? 30,
        1,
        600,
      ) * 1000,
    statePath: String(
      setting("state_path", "MYBOT_EXPORTER_STATE_PATH") ?? "./.data/exporter-state",
    ),
    shard,
    totalShards,
    port: whole("PORT", env.PORT ?? 9464, 0, 65535),
    mybot: {
      baseUrl: env.MYBOT_BASE_URL || "https://api.engati.com",
      apiKey: env.MYBOT_API_KEY as string,
      customerId: env.MYBOT_CUSTOMER_ID as string,
      botKey: env.MYBOT_BOT_KEY as string,
    },
  };
}

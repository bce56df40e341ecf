/**
 * The exporter's configuration: a YAML file (`MYBOT_EXPORTER_CONFIG`), then the environment, then
 * flags (`--shard i --total-shards n`). Every mistake names its field. MyBOT credentials come from
 * the environment only, so the file can be committed.
 *
 * @module
 */
import { readFileSync } from "node:fs";
import { portFromEnv } from "@mybot/runtime";
import { parse } from "yaml";
import {
  backfillWindow,
  duration,
  ExporterConfigError,
  fail,
  parseCohorts,
  rate,
  readBounds,
  whole,
} from "./config-fields.ts";

export { ExporterConfigError };

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

  const cohorts = parseCohorts(file.cohorts);

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
    port: portFromEnv(env, 9464, "PORT", (message) => {
      throw new ExporterConfigError(message);
    }),
    mybot: {
      baseUrl: env.MYBOT_BASE_URL || "https://api.engati.com",
      apiKey: env.MYBOT_API_KEY as string,
      customerId: env.MYBOT_CUSTOMER_ID as string,
      botKey: env.MYBOT_BOT_KEY as string,
    },
  };
}

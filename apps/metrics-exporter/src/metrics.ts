/**
 * The exposition, served from memory: every value is read from the exporter's state at scrape
 * time, never from MyBOT; the counters from the state as last committed, so they never go back.
 * prom-client formats it, as Prometheus text or OpenMetrics. No label carries a user id, phone
 * number, email or message text: only cohort, sender, window, endpoint, status, reason and build
 * facts.
 *
 * @module
 */
import { Registry } from "prom-client";
import { type ApiStats, DURATION_BUCKETS } from "./api-metrics.ts";
import { POLL_ERROR_REASONS } from "./poll-errors.ts";
import type { BudgetStats } from "./request-budget.ts";
import { type Freshness, scheduleDefinitions } from "./schedule-metrics.ts";
import { type ExporterState, LATENCY_BUCKETS, SENDERS } from "./state.ts";

export interface ExporterStatus {
  /** Every cohort's listing of the last listing round succeeded: MyBOT could be reached. */
  up: boolean;
  /**
   * The last time a poll was complete: the last listing round listed every cohort, and every
   * user it listed has been read (or tried) at least once.
   */
  lastSuccessfulPollAt: number | null;
  /** The last listing round's duration. */
  lastPollDurationMs: number | null;
  /** Listing rounds. */
  polls: number;
  /** By cohort: users whose last history read failed. */
  failingUsers?: Record<string, number>;
  /**
   * Saves of the state that failed since the exporter started. In memory only, as a failing save
   * cannot keep it: it starts at 0 again after a restart, a reset that rate() and increase() read.
   */
  stateSaveErrors?: number;
  /** The last successful save of the state by this process: what the exposition's counts are. */
  lastStateSaveAt?: number | null;
}

export interface MetricsSource {
  /** The state to expose: the last committed one, for counters a crash cannot take back. */
  state: ExporterState;
  /**
   * A cohort's users still listed whose last message to the bot is at or after each instant,
   * as committed (the store's user index: one pass over numbers, not the database).
   */
  activeUsers: (cohort: string, instants: readonly number[]) => number[];
  status: ExporterStatus;
  api: ApiStats;
  shard: number;
  totalShards: number;
  version: string;
  now?: () => number;
  /** The request budget's figures (schedule-metrics.ts); absent, its series are too. */
  budget?: () => BudgetStats;
  /** A cohort's freshness at `now` (epoch ms). */
  freshness?: (cohort: string, now: number) => Freshness;
  /** How late the most overdue user's read is, ms. */
  readLagMs?: (now: number) => number;
}

const POLLED = "Values come from a background poll of the MyBOT API, not from this scrape.";
export const WINDOWS = { "1h": 3_600_000, "24h": 86_400_000, "7d": 604_800_000 } as const;

type Sample = { labels?: Record<string, string | number>; value: number; metricName?: string };
export type Definition = {
  name: string;
  type: "counter" | "gauge" | "histogram" | "summary";
  help: string;
  values: () => Sample[];
};

function histogram(
  name: string,
  bounds: number[],
  data: { buckets: number[]; sum: number; count: number },
  labels: Record<string, string>,
): Sample[] {
  let cumulative = 0;
  const samples: Sample[] = bounds.map((le, i) => {
    cumulative += data.buckets[i] ?? 0;
    return { metricName: `${name}_bucket`, labels: { ...labels, le }, value: cumulative };
  });
  samples.push({
    metricName: `${name}_bucket`,
    labels: { ...labels, le: "+Inf" },
    value: data.count,
  });
  samples.push({ metricName: `${name}_sum`, labels, value: data.sum });
  samples.push({ metricName: `${name}_count`, labels, value: data.count });
  return samples;
}

function definitions(source: MetricsSource): Definition[] {
  const cohorts = () => Object.entries(source.state.cohorts);
  const now = () => (source.now ?? Date.now)();
  return [
    {
      name: "mybot_messages_total",
      type: "counter",
      help: `Messages by sender in the cohort's users' chat histories. ${POLLED}`,
      values: () =>
        cohorts().flatMap(([cohort, c]) =>
          SENDERS.map((sender) => ({ labels: { cohort, sender }, value: c.messages[sender] })),
        ),
    },
    {
      name: "mybot_users",
      type: "gauge",
      help: `Users matching the cohort's attribute (in this shard). ${POLLED}`,
      values: () => cohorts().map(([cohort, c]) => ({ labels: { cohort }, value: c.userCount })),
    },
    {
      name: "mybot_active_users",
      type: "gauge",
      help: `Users the cohort's last listing returned who sent a message within the window. ${POLLED}`,
      // One pass over the users per cohort, at one instant, for all windows: this runs per scrape.
      values: () => {
        const windows = Object.entries(WINDOWS);
        const at = now();
        return cohorts().flatMap(([cohort]) => {
          const counts = source.activeUsers(
            cohort,
            windows.map(([, ms]) => at - ms),
          );
          return windows.map(([window], i) => ({
            labels: { cohort, window },
            value: counts[i] ?? 0,
          }));
        });
      },
    },
    {
      name: "mybot_conversations_total",
      type: "counter",
      help: `Conversations, a new one after each silence longer than the session gap. ${POLLED}`,
      values: () =>
        cohorts().map(([cohort, c]) => ({ labels: { cohort }, value: c.conversations })),
    },
    {
      name: "mybot_bot_response_latency_seconds",
      type: "histogram",
      help: `Time from a user's message to the bot's next message. ${POLLED}`,
      values: () =>
        cohorts().flatMap(([cohort, c]) =>
          histogram("mybot_bot_response_latency_seconds", LATENCY_BUCKETS, c.latency, { cohort }),
        ),
    },
    {
      name: "mybot_last_message_timestamp_seconds",
      type: "gauge",
      help: `Time of the newest message seen, by sender. ${POLLED}`,
      values: () =>
        cohorts().flatMap(([cohort, c]) =>
          SENDERS.filter((s) => c.lastMessageAt[s] !== undefined).map((sender) => ({
            labels: { cohort, sender },
            value: (c.lastMessageAt[sender] as number) / 1000,
          })),
        ),
    },
    {
      name: "mybot_api_requests_total",
      type: "counter",
      help: "Requests this exporter made to the MyBOT API, by endpoint and HTTP status (error: no response).",
      values: () =>
        Object.entries(source.api.requests).map(([key, value]) => {
          const [endpoint, status] = key.split("\u0000");
          return { labels: { endpoint: endpoint as string, status: status as string }, value };
        }),
    },
    {
      name: "mybot_api_request_duration_seconds",
      type: "histogram",
      help: "Duration of this exporter's requests to the MyBOT API.",
      values: () =>
        Object.entries(source.api.durations).flatMap(([endpoint, d]) =>
          histogram("mybot_api_request_duration_seconds", DURATION_BUCKETS, d, { endpoint }),
        ),
    },
    {
      name: "mybot_poll_errors_total",
      type: "counter",
      help: "Reads of MyBOT that failed during polls (a listing, or one user's history), by reason.",
      values: () =>
        POLL_ERROR_REASONS.map((reason) => ({
          labels: { reason },
          value: source.state.pollErrors?.[reason] ?? 0,
        })),
    },
    {
      name: "mybot_failing_users",
      type: "gauge",
      help: "Users of the cohort whose last history read failed; they are tried again a minute later, and their counts resume when it can.",
      values: () =>
        Object.entries(source.status.failingUsers ?? {}).map(([cohort, value]) => ({
          labels: { cohort },
          value,
        })),
    },
    {
      name: "mybot_state_save_errors_total",
      type: "counter",
      help: "Saves of the exporter's state that failed since it started; while they fail, the counters shown stay at the last saved values.",
      values: () => [{ value: source.status.stateSaveErrors ?? 0 }],
    },
    {
      name: "mybot_state_last_save_timestamp_seconds",
      type: "gauge",
      help: "Time this process last saved its state, which is what the counters show (0: not yet).",
      values: () => [{ value: (source.status.lastStateSaveAt ?? 0) / 1000 }],
    },
    {
      name: "mybot_up",
      type: "gauge",
      help: "1 when the last listing round could reach MyBOT and list every cohort's users, 0 when it could not. Users whose history failed are in mybot_failing_users.",
      values: () => [{ value: source.status.up ? 1 : 0 }],
    },
    {
      name: "mybot_last_successful_poll_timestamp_seconds",
      type: "gauge",
      help: "Time of the last complete poll: every cohort listed, and every user listed read at least once (0: none yet).",
      values: () => [{ value: (source.status.lastSuccessfulPollAt ?? 0) / 1000 }],
    },
    {
      name: "mybot_poll_duration_seconds",
      type: "gauge",
      help: "How long the last listing round (every cohort's users from MyBOT) took.",
      values: () =>
        source.status.lastPollDurationMs === null
          ? []
          : [{ value: source.status.lastPollDurationMs / 1000 }],
    },
    {
      name: "mybot_exporter_build_info",
      type: "gauge",
      help: "Build facts of the running exporter; always 1.",
      values: () => [
        {
          labels: {
            version: source.version,
            runtime: typeof process !== "undefined" ? process.version : "unknown",
          },
          value: 1,
        },
      ],
    },
    {
      name: "mybot_exporter_shard",
      type: "gauge",
      help: "The shard this exporter serves (0-based).",
      values: () => [{ value: source.shard }],
    },
    {
      name: "mybot_exporter_total_shards",
      type: "gauge",
      help: "How many shards split the users.",
      values: () => [{ value: source.totalShards }],
    },
  ];
}

/**
 * One registry per format: prom-client renames counters for OpenMetrics in place, so the two
 * must not share metric objects.
 *
 * @example
 * ```ts
 * const text = await createRegistry(source, "prometheus").metrics();
 * ```
 */
export function createRegistry(
  source: MetricsSource,
  format: "prometheus" | "openmetrics",
): Registry {
  const registry = new Registry();
  registry.setContentType(
    (format === "openmetrics"
      ? Registry.OPENMETRICS_CONTENT_TYPE
      : Registry.PROMETHEUS_CONTENT_TYPE) as never,
  );
  for (const d of [...definitions(source), ...scheduleDefinitions(source)]) {
    const metric = {
      name: d.name,
      type: d.type,
      help: d.help,
      get: async () => ({
        name: metric.name,
        help: d.help,
        type: d.type,
        values: d.values(),
        aggregator: "sum",
      }),
    };
    registry.registerMetric(metric as never);
  }
  return registry;
}

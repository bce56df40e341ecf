/**
 * Wires an exporter from its configuration: the state store from disk, the request budget, the
 * client whose every request spends it (budget outermost, so the request metrics time the
 * request and not its wait), the collector and the HTTP app, which shows the collector's last
 * committed state.
 *
 * @module
 */
import { createMyBotClient, type MyBotClientOptions, VERSION } from "@mybot/core";
import { measuredFetch } from "./api-metrics.ts";
import { createExporterApp } from "./app.ts";
import { budgetedFetch } from "./budgeted-fetch.ts";
import { type Clock, monotonicClock, wallClock } from "./clock.ts";
import { createCollector } from "./collector.ts";
import type { ExporterConfig } from "./config.ts";
import { openStateStore } from "./open-state-store.ts";
import { createRequestBudget } from "./request-budget.ts";
import { legacyStateFile, stateFile } from "./state.ts";

export interface ExporterOptions {
  /** What reaches MyBOT (the sandbox's `fetch`, in process, in the simulation). */
  fetch?: typeof fetch;
  log?: (line: string) => void;
  /** One clock for the budget, the schedule and the reads (a fake one in simulations). */
  clock?: Clock;
  /** Client settings over the exporter's, such as `maxRetries: 0` on a fake clock. */
  client?: Partial<MyBotClientOptions>;
}

/**
 * @example
 * ```ts
 * const { app, collector } = createExporter(loadConfig(process.env));
 * collector.start();
 * ```
 */
export function createExporter(config: ExporterConfig, options: ExporterOptions = {}) {
  const log = options.log ?? ((line: string) => console.log(line));
  const store = openStateStore(
    config.statePath,
    stateFile(config.shard, config.totalShards),
    legacyStateFile(config.shard, config.totalShards),
  );
  const clock = options.clock ?? wallClock;
  const budget = createRequestBudget({
    requestsPerSecond: config.maxRequestsPerSecond,
    clock: options.clock ?? monotonicClock,
  });
  const client = createMyBotClient({
    ...config.mybot,
    // The request counters live in the store, so they are committed, and shown, with the others.
    fetch: budgetedFetch(budget, measuredFetch(store.api, options.fetch ?? fetch), () =>
      clock.now(),
    ),
    timeoutMs: config.requestTimeoutMs,
    totalTimeoutMs: config.requestTimeoutMs * 3,
    userAgent: `mybot-metrics-exporter/${VERSION}`,
    // The client's lines (retries, by default) join the exporter's own.
    logger: { error: log, warn: log, info: log, debug: log },
    ...options.client,
  });
  // The budget counts from this process's start; the state carries the totals across restarts.
  const before = { ...store.budget };
  const beforeCommit = () => {
    const now = budget.stats();
    store.budget.granted = before.granted + now.granted;
    store.budget.throttled = before.throttled + now.throttled;
    store.budget.waitedSeconds = before.waitedSeconds + now.waitedMs / 1000;
  };
  const collector = createCollector(config, client, store, log, { clock, budget, beforeCommit });
  const app = createExporterApp({
    get state() {
      return collector.published;
    },
    get api() {
      return store.published.api;
    },
    activeUsers: (cohort, instants) => store.activeUsers(cohort, instants),
    budget: () => budget.stats(),
    freshness: (cohort, now) => ({
      ...store.staleness(cohort, now, config.maxStalenessMs),
      unread: collector.members.awaitingIn(cohort),
    }),
    readLagMs: (now) => collector.schedule.lagMs(now),
    status: collector.status,
    shard: config.shard,
    totalShards: config.totalShards,
    version: VERSION,
    now: () => clock.now(),
  });
  return { app, collector, store, budget };
}

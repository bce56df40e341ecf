/**
 * Wires an exporter from its configuration: the state store from disk, the client with request
 * metrics, the collector and the HTTP app, which shows the collector's last committed state.
 *
 * @module
 */
import { createMyBotClient, VERSION } from "@mybot/core";
import { measuredFetch } from "./api-metrics.ts";
import { createExporterApp } from "./app.ts";
import { createCollector } from "./collector.ts";
import type { ExporterConfig } from "./config.ts";
import { openStateStore } from "./open-state-store.ts";
import { legacyStateFile, stateFile } from "./state.ts";

/**
 * @example
 * ```ts
 * const { app, collector } = createExporter(loadConfig(process.env));
 * collector.start();
 * ```
 */
export function createExporter(
  config: ExporterConfig,
  options: { fetch?: typeof fetch; log?: (line: string) => void } = {},
) {
  const log = options.log ?? ((line: string) => console.log(line));
  const store = openStateStore(
    config.statePath,
    stateFile(config.shard, config.totalShards),
    legacyStateFile(config.shard, config.totalShards),
  );
  const client = createMyBotClient({
    ...config.mybot,
    // The request counters live in the store, so they are committed, and shown, with the others.
    fetch: measuredFetch(store.api, options.fetch ?? fetch),
    timeoutMs: config.requestTimeoutMs,
    totalTimeoutMs: config.requestTimeoutMs * 3,
    userAgent: `mybot-metrics-exporter/${VERSION}`,
    // The client's lines (retries, by default) join the exporter's own.
    logger: { error: log, warn: log, info: log, debug: log },
  });
  const collector = createCollector(config, client, store, log);
  const app = createExporterApp({
    get state() {
      return collector.published;
    },
    get api() {
      return store.published.api ?? store.api;
    },
    activeUsers: (cohort, instants) => store.activeUsers(cohort, instants),
    status: collector.status,
    shard: config.shard,
    totalShards: config.totalShards,
    version: VERSION,
  });
  return { app, collector, store };
}

/**
 * Wires an exporter from its configuration: state from disk, the client with request metrics,
 * the collector and the HTTP app, which shows the collector's last saved state.
 *
 * @module
 */
import { createMyBotClient, VERSION } from "@mybot/core";
import { createApiStats, measuredFetch } from "./api-metrics.ts";
import { createExporterApp } from "./app.ts";
import { createCollector } from "./collector.ts";
import type { ExporterConfig } from "./config.ts";
import { loadState, stateFile } from "./state.ts";

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
  const state = loadState(config.statePath, stateFile(config.shard, config.totalShards));
  // The request counters live in the state, so they are saved, and shown, with the others.
  state.api ??= createApiStats();
  const api = state.api;
  const client = createMyBotClient({
    ...config.mybot,
    fetch: measuredFetch(api, options.fetch ?? fetch),
    timeoutMs: config.requestTimeoutMs,
    totalTimeoutMs: config.requestTimeoutMs * 3,
    userAgent: `mybot-metrics-exporter/${VERSION}`,
    // The client's lines (retries, by default) join the exporter's own.
    logger: { error: log, warn: log, info: log, debug: log },
  });
  const collector = createCollector(config, client, state, log);
  const app = createExporterApp({
    get state() {
      return collector.published;
    },
    get api() {
      return collector.published.api ?? createApiStats();
    },
    status: collector.status,
    shard: config.shard,
    totalShards: config.totalShards,
    version: VERSION,
  });
  return { app, collector, state };
}

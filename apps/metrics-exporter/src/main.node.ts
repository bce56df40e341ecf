/** `pnpm --filter @mybot/metrics-exporter start [-- --shard i --total-shards n]`. */
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { ExporterConfigError, loadConfig } from "./config.ts";
import { createExporter } from "./exporter.ts";

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig(
    process.env,
    process.argv.slice(2).filter((a) => a !== "--"),
  );
} catch (error) {
  if (!(error instanceof ExporterConfigError)) throw error;
  console.error(`metrics-exporter: ${error.message}`);
  process.exit(2);
}
const { app, collector } = createExporter(config);
const hostname = process.env.HOST || "127.0.0.1";
const server = serve({ fetch: app.fetch, port: config.port, hostname }, (info: AddressInfo) => {
  console.log(
    `MyBOT metrics exporter listening on http://${hostname}:${info.port}/metrics — shard ${config.shard}/${config.totalShards}, ${config.cohorts.length} cohorts, polling every ${config.pollIntervalMs / 1000}s`,
  );
  collector.start();
});
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await collector.stop();
  server.close();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);

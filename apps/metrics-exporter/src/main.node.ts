/** `pnpm --filter @mybot/metrics-exporter start [-- --shard i --total-shards n]`. */
import { hostFromEnv, onShutdown, PortInUseError, serve } from "@mybot/runtime";
import { ExporterConfigError, loadConfig } from "./config.ts";
import { createExporter } from "./exporter.ts";
import { StateFileError } from "./state.ts";

/** A mistake the operator must fix: one sentence, and exit status 2 (the unit does not restart). */
function refuse(error: Error): never {
  console.error(`metrics-exporter: ${error.message}`);
  process.exit(2);
}

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig(
    process.env,
    process.argv.slice(2).filter((a) => a !== "--"),
  );
} catch (error) {
  if (!(error instanceof ExporterConfigError)) throw error;
  refuse(error);
}
let exporter: ReturnType<typeof createExporter>;
try {
  exporter = createExporter(config);
} catch (error) {
  if (!(error instanceof StateFileError)) throw error;
  refuse(error);
}
const { app, collector } = exporter;
const hostname = hostFromEnv(process.env);
const server = await serve({
  fetch: app.fetch,
  port: config.port,
  portName: "PORT",
  hostname,
}).catch(async (error: unknown) => {
  if (!(error instanceof PortInUseError)) throw error;
  await collector.stop(); // commits and closes the state it opened
  return refuse(error);
});
console.log(
  `MyBOT metrics exporter listening on ${server.url}/metrics — shard ${config.shard}/${config.totalShards}, ${config.cohorts.length} cohorts, listing every ${config.pollIntervalMs / 1000}s, budget ${config.maxRequestsPerSecond} requests/s`,
);
collector.start();
onShutdown([() => collector.stop(), () => server.close()], { name: "metrics-exporter" });

/**
 * @mybot/metrics-exporter: Prometheus metrics of MyBOT conversations, by cohort.
 *
 * @module
 */

export { createExporterApp } from "./app.ts";
export { applyMessages, newUser } from "./apply.ts";
export { createCollector } from "./collector.ts";
export { type Cohort, type ExporterConfig, ExporterConfigError, loadConfig } from "./config.ts";
export { createExporter } from "./exporter.ts";
export { createRegistry } from "./metrics.ts";
export { fnv1a, ownsUser } from "./shard.ts";
export { loadState, StateFileError, saveState, stateFile } from "./state.ts";

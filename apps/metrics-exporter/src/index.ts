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
export { openStateStore } from "./open-state-store.ts";
export { fnv1a, ownsUser } from "./shard.ts";
export { legacyStateFile, StateFileError, stateFile } from "./state.ts";
export { loadState } from "./state-db.ts";
export { type CohortHandle, StateStore } from "./state-store.ts";
export { CohortIndex, loadUserIndex } from "./user-index.ts";

/**
 * What the export benchmark measures: `exportCohort` and the core client as the `mybot` command
 * runs them, bundled by the app's production build settings (tsup.base.ts: esbuild, ESM, node20,
 * workspace packages bundled in). Imported through tsx instead, every function the export and the
 * core create would be renamed through a `__name` helper (tsx compiles with esbuild's
 * `keepNames`), a cost per request the installed command does not pay.
 */
export { createMyBotClient } from "@mybot/core";
export { DEFAULT_CONCURRENCY, exportCohort } from "../src/export.ts";

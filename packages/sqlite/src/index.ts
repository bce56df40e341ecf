/**
 * @mybot/sqlite: one small SQLite connection API on Node (better-sqlite3), Bun (bun:sqlite) and
 * Deno (node:sqlite), shared by the sandbox's store and the exporter's state.
 *
 * @module
 */

export { openDatabase, openDatabaseSync } from "./open-database.ts";
export type { SqlDatabase, SqlStatement } from "./sql-driver.ts";

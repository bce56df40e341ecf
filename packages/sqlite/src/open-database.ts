/**
 * Opens a SQLite file (or `:memory:`) with the driver native to the running runtime:
 * bun:sqlite on Bun, node:sqlite on Deno, better-sqlite3 on Node. `openDatabase` loads the
 * driver with `import()`; `openDatabaseSync` with `require`, for callers that must stay
 * synchronous (a constructor, a start-up that returns its app at once).
 *
 * @module
 */
import { closeSync, openSync } from "node:fs";
import { createRequire } from "node:module";
import { type RuntimeName, runtimeName } from "@mybot/runtime";
import { createManualTransaction, type SqlDatabase } from "./sql-driver.ts";

const runtime = runtimeName();

/** The module each runtime's driver comes from; kept in variables so bundlers leave them be. */
const DRIVER: Record<RuntimeName, string> = {
  bun: "bun:sqlite",
  deno: "node:sqlite",
  node: "better-sqlite3",
};

/**
 * @example
 * ```ts
 * const db = await openDatabase(":memory:");
 * ```
 */
export async function openDatabase(path: string): Promise<SqlDatabase> {
  createPrivately(path);
  const specifier = DRIVER[runtime];
  // Node's driver by its literal name, so that bundlers and test runners resolve it as usual.
  const module =
    runtime === "node"
      ? await import("better-sqlite3")
      : await import(/* @vite-ignore */ specifier);
  return adapt(module, path);
}

/**
 * The same connection as {@link openDatabase}, opened without awaiting.
 *
 * @example
 * ```ts
 * const db = openDatabaseSync("/var/lib/exporter/state.db");
 * db.exec("PRAGMA journal_mode = WAL");
 * ```
 */
export function openDatabaseSync(path: string): SqlDatabase {
  createPrivately(path);
  return adapt(createRequire(import.meta.url)(DRIVER[runtime]), path);
}

// biome-ignore lint/suspicious/noExplicitAny: each driver's module has its own, untyped here, shape.
function adapt(module: any, path: string): SqlDatabase {
  if (runtime === "bun") {
    const db = new module.Database(path, { create: true, strict: false });
    return {
      name: "bun:sqlite",
      exec: (sql) => db.exec(sql),
      prepare: (sql) => {
        const statement = db.prepare(sql);
        return {
          all: (...p) => statement.all(...p),
          get: (...p) => statement.get(...p) ?? undefined,
          run: (...p) => statement.run(...p),
        };
      },
      transaction: (fn) => db.transaction(fn)(),
      close: () => db.close(),
    };
  }
  if (runtime === "deno") {
    const db = new module.DatabaseSync(path);
    const transaction = createManualTransaction(db);
    return {
      name: "node:sqlite",
      exec: (sql) => db.exec(sql),
      prepare: (sql) => db.prepare(sql),
      transaction,
      close: () => db.close(),
    };
  }
  const Database = module.default ?? module;
  const db = new Database(path);
  return {
    name: "better-sqlite3",
    exec: (sql) => void db.exec(sql),
    prepare: (sql) => db.prepare(sql),
    transaction: (fn) => db.transaction(fn)(),
    close: () => db.close(),
  };
}

/**
 * The file holds API keys or user ids: a new one is made readable by its owner only (an empty
 * file is an empty database to SQLite, whose journals then take the same mode). An existing
 * file keeps the mode its owner gave it.
 */
function createPrivately(path: string): void {
  if (path === ":memory:" || path === "" || path.startsWith("file:")) return;
  try {
    closeSync(openSync(path, "wx", 0o600));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
}

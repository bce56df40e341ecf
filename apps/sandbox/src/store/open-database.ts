/**
 * Opens a SQLite file (or `:memory:`) with the driver native to the running runtime:
 * bun:sqlite on Bun, node:sqlite on Deno, better-sqlite3 on Node.
 *
 * @module
 */
import { closeSync, openSync } from "node:fs";
import { createManualTransaction, type SqlDatabase } from "./sql-driver.ts";

const runtime = (globalThis as { Bun?: unknown }).Bun
  ? "bun"
  : (globalThis as { Deno?: unknown }).Deno
    ? "deno"
    : "node";

/**
 * @example
 * ```ts
 * const db = await openDatabase(":memory:");
 * ```
 */
export async function openDatabase(path: string): Promise<SqlDatabase> {
  createPrivately(path);
  if (runtime === "bun") {
    const specifier = "bun:sqlite";
    const { Database } = await import(/* @vite-ignore */ specifier);
    const db = new Database(path, { create: true, strict: false });
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
    const specifier = "node:sqlite";
    const { DatabaseSync } = await import(/* @vite-ignore */ specifier);
    const db = new DatabaseSync(path);
    const transaction = createManualTransaction(db);
    return {
      name: "node:sqlite",
      exec: (sql) => db.exec(sql),
      prepare: (sql) => db.prepare(sql),
      transaction,
      close: () => db.close(),
    };
  }
  const { default: Database } = await import("better-sqlite3");
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
 * The file holds API keys: a new one is made readable by its owner only (an empty file is an
 * empty database to SQLite, whose journals then take the same mode). An existing file keeps
 * the mode its owner gave it.
 */
function createPrivately(path: string): void {
  if (path === ":memory:" || path === "" || path.startsWith("file:")) return;
  try {
    closeSync(openSync(path, "wx", 0o600));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
}

/**
 * Builds a running sandbox from the environment, the same on every runtime:
 * `SANDBOX_DB` (a SQLite path, or `:memory:`), `SANDBOX_SEED`, `SANDBOX_ADMIN_TOKEN`,
 * `SANDBOX_FAULTS` (a JSON array of faults), `SANDBOX_LOG=off`, and the `MYBOT_*` credential.
 *
 * @module
 */
import { mkdirSync, readFileSync } from "node:fs";
import { dirname } from "node:path";
import { createSandboxApp } from "./app.ts";
import { demoSeed } from "./demo.ts";
import { FaultTable, parseFault } from "./faults.ts";
import { loadSeed, parseSeed } from "./seed.ts";
import { openDatabase } from "./store/open-database.ts";
import { createSqliteStore } from "./store/sqlite-store.ts";
import type { SandboxStore } from "./store/store.ts";

/** The environment variables the sandbox reads. */
export type SandboxEnv = Record<string, string | undefined>;

/** A sandbox ready to serve. */
export interface Sandbox {
  fetch: (request: Request, env?: unknown) => Response | Promise<Response>;
  store: SandboxStore;
  faults: FaultTable;
  /** What was loaded at start, for the start-up line. */
  summary: string;
  close(): void;
}

/** A configuration mistake, reported as one line with no stack. */
export class SandboxConfigError extends Error {
  override name = "SandboxConfigError";
}

function readJson(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw new SandboxConfigError(`${what}: cannot read ${path}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new SandboxConfigError(
      `${what}: ${path} is not valid JSON (${(error as Error).message})`,
    );
  }
}

/**
 * @example
 * ```ts
 * const sandbox = await startSandbox({ SANDBOX_DB: ":memory:", SANDBOX_ADMIN_TOKEN: "t" });
 * const res = await sandbox.fetch(new Request("http://localhost/healthz"));
 * ```
 */
export async function startSandbox(env: SandboxEnv): Promise<Sandbox> {
  const path = env.SANDBOX_DB || "./.data/sandbox.db";
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const store = createSqliteStore(await openDatabase(path));
  try {
    let summary: string;
    if (env.SANDBOX_SEED) {
      const loaded = loadSeed(store, parseSeed(readJson(env.SANDBOX_SEED, "SANDBOX_SEED")));
      summary = `seed ${env.SANDBOX_SEED}: ${loaded.users} users, ${loaded.messages} new messages`;
    } else if (store.isEmpty()) {
      const loaded = loadSeed(store, demoSeed(Date.now()));
      summary = `demo dataset: ${loaded.users} users, ${loaded.messages} messages`;
    } else summary = `existing data in ${path}`;

    const { MYBOT_API_KEY: key, MYBOT_CUSTOMER_ID: customerId, MYBOT_BOT_KEY: botKey } = env;
    if (key && customerId && botKey) store.putKey({ key, customerId, botKey, status: "active" });

    const faults = new FaultTable();
    if (env.SANDBOX_FAULTS) {
      try {
        const list = JSON.parse(env.SANDBOX_FAULTS);
        if (!Array.isArray(list)) throw new Error("must be a JSON array");
        faults.set(list.map(parseFault));
      } catch (error) {
        throw new SandboxConfigError(`SANDBOX_FAULTS: ${(error as Error).message}`);
      }
    }
    const log = env.SANDBOX_LOG === "off" ? undefined : (line: string) => console.log(line);
    const { app } = createSandboxApp({
      store,
      faults,
      adminToken: env.SANDBOX_ADMIN_TOKEN || undefined,
      log,
      maxHangMs: Number(env.SANDBOX_MAX_HANG_MS) || 120_000,
    });
    return {
      fetch: app.fetch,
      store,
      faults,
      summary: `${summary} (${store.driver}, ${path})`,
      close: () => store.close(),
    };
  } catch (error) {
    store.close();
    throw error;
  }
}

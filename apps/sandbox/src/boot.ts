/**
 * Builds a running sandbox from the environment, the same on every runtime:
 * `SANDBOX_DB` (a SQLite path, or `:memory:`), `SANDBOX_SEED`, `SANDBOX_ADMIN_TOKEN`,
 * `SANDBOX_FAULTS` (a JSON array of faults), `SANDBOX_LOG=off`, the `MYBOT_*` credential, and the
 * history shape (`SANDBOX_LIST_KEY`, `SANDBOX_ORDER`, `SANDBOX_MESSAGE_IDS`,
 * `SANDBOX_PAGE_METADATA`, `SANDBOX_TIMESTAMPS`; see history-shape.ts).
 *
 * @module
 */
import { mkdirSync, readFileSync } from "node:fs";
import { dirname } from "node:path";
import { openDatabase } from "@mybot/sqlite";
import { createSandboxApp } from "./app.ts";
import { SandboxConfigError } from "./config-error.ts";
import { demoSeed } from "./demo.ts";
import { FaultTable, parseFault } from "./faults.ts";
import { type HistoryShape, type ShapeSetting, shapeFromEnv } from "./history-shape.ts";
import { loadSeed, parseSeed } from "./seed.ts";
import { createSqliteStore } from "./store/sqlite-store.ts";
import type { SandboxStore } from "./store/store.ts";

/** The environment variables the sandbox reads. */
export type SandboxEnv = Record<string, string | undefined>;

/** A sandbox ready to serve. */
export interface Sandbox {
  fetch: (request: Request, env?: unknown) => Response | Promise<Response>;
  store: SandboxStore;
  faults: FaultTable;
  /** The history body's shape in force; `PUT /__admin/shape` switches it too. */
  shape: ShapeSetting;
  /** What was loaded at start, for the start-up line. */
  summary: string;
  close(): void;
}

export { SandboxConfigError };

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

/** The shape in a few words for the start-up line: `conversations, newest-first, no ids, …`. */
function describeShape(shape: HistoryShape): string {
  return [
    shape.listKey,
    shape.order,
    shape.ids ? "ids" : "no ids",
    shape.pageMetadata ? "page metadata" : "no page metadata",
    `${shape.timestamps} timestamps`,
  ].join(", ");
}

/**
 * @example
 * ```ts
 * const sandbox = await startSandbox({ SANDBOX_DB: ":memory:", SANDBOX_ADMIN_TOKEN: "t" });
 * const res = await sandbox.fetch(new Request("http://localhost/healthz"));
 * ```
 */
export async function startSandbox(env: SandboxEnv): Promise<Sandbox> {
  // A bad shape setting is found before anything is opened or loaded.
  const initialShape = shapeFromEnv(env);
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
    const { app, shape } = createSandboxApp({
      store,
      faults,
      shape: initialShape,
      adminToken: env.SANDBOX_ADMIN_TOKEN || undefined,
      log,
      maxHangMs: Number(env.SANDBOX_MAX_HANG_MS) || 120_000,
    });
    return {
      fetch: app.fetch,
      store,
      faults,
      shape,
      summary: `${summary} (${store.driver}, ${path}; history ${describeShape(shape.get())})`,
      close: () => store.close(),
    };
  } catch (error) {
    store.close();
    throw error;
  }
}

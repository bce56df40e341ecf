/**
 * `mybot sandbox`: the MyBOT sandbox (apps/sandbox) on this runtime, until Ctrl-C.
 *
 * @mybot/sandbox is an optional dependency of the CLI (it brings SQLite's native build): it is
 * loaded here only, by `import()`, and a CLI installed without it says how to add it.
 *
 * The sandbox registers the `MYBOT_*` credential of its environment as a valid key in its
 * database. The shell that runs `mybot` most likely holds the real MyBOT key there (the CLI
 * reads it from the same names), so those names are not passed on: the sandbox keeps only its
 * demo credential, and no real key ends up in a SQLite file.
 *
 * @module
 */
import { parsePort, serve } from "@mybot/runtime";
import { UsageError } from "./config.ts";
import type { Io } from "./main.ts";

type SandboxModule = typeof import("@mybot/sandbox");

/**
 * The sandbox's public demo key (it only opens a local sandbox), so that the CLI never hides it
 * as a secret, even without the sandbox installed; sandbox.test.ts checks it is the sandbox's.
 */
export const DEMO_API_KEY = "5f0c2d1e-8a4b-4c6d-9e7f-0a1b2c3d4e5f-DEMO123";

/** The sentence for a CLI installed without the sandbox. */
export const SANDBOX_MISSING =
  "mybot sandbox needs the optional package @mybot/sandbox, which is not installed: npm i @mybot/sandbox";

/** Whether `error` says that @mybot/sandbox itself is missing (not one of its own imports). */
function sandboxMissing(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return (
    (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") &&
    typeof message === "string" &&
    /['"]@mybot\/sandbox['"]/.test(message)
  );
}

/**
 * Serves the sandbox until `io.signal` aborts; resolves with the exit code. `load` is for tests.
 *
 * @example
 * ```ts
 * await runSandbox({ port: "4010", db: "./.data/sandbox.db" }, io);
 * ```
 */
export async function runSandbox(
  options: { port?: string | undefined; db?: string | undefined },
  io: Io,
  load: () => Promise<SandboxModule> = () => import("@mybot/sandbox"),
): Promise<number> {
  const text = options.port ?? io.env.PORT;
  const port = text === undefined || text === "" ? 4010 : parsePort(text);
  if (port === undefined)
    throw new UsageError(
      `${options.port === undefined ? "PORT" : "--port"} "${text}" is not a port number`,
    );
  const { DEMO_CREDENTIAL, startSandbox } = await load().catch((error: unknown) => {
    throw sandboxMissing(error) ? new UsageError(SANDBOX_MISSING) : error;
  });
  const {
    MYBOT_API_KEY: _key,
    MYBOT_CUSTOMER_ID: _customer,
    MYBOT_BOT_KEY: _bot,
    MYBOT_BASE_URL: _url,
    ...env
  } = io.env;
  const sandbox = await startSandbox({ ...env, SANDBOX_DB: options.db ?? io.env.SANDBOX_DB });
  const server = await serve({ fetch: sandbox.fetch, port });
  io.stdout.write(`MyBOT sandbox listening on ${server.url} — ${sandbox.summary}\n`);
  io.stdout.write(
    `demo credential: MYBOT_BASE_URL=${server.url} MYBOT_CUSTOMER_ID=${DEMO_CREDENTIAL.customerId} MYBOT_BOT_KEY=${DEMO_CREDENTIAL.botKey} MYBOT_API_KEY=${DEMO_CREDENTIAL.apiKey}\n`,
  );
  await new Promise<void>((resolve) => {
    if (io.signal?.aborted) return resolve();
    io.signal?.addEventListener("abort", () => resolve(), { once: true });
  });
  await server.close();
  sandbox.close();
  return 0;
}

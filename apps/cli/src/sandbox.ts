/**
 * `mybot sandbox`: the MyBOT sandbox (apps/sandbox) on this runtime, until Ctrl-C.
 *
 * The sandbox is loaded here only, by `import()`, which the build splits into its own chunk
 * (tsup.config.ts): the other commands never load it nor SQLite. On Node its SQLite driver,
 * better-sqlite3, is an optional dependency (a native build); a CLI installed without it says how
 * to add it. Its demo credential comes from the sandbox too: the CLI holds no copy of a key.
 *
 * The sandbox registers the `MYBOT_*` credential of its environment as a valid key in its
 * database. The shell that runs `mybot` most likely holds the real MyBOT key there (the CLI
 * reads it from the same names), so those names are not passed on: the sandbox keeps only its
 * demo credential, and no real key ends up in a SQLite file.
 *
 * @module
 */
import { PortInUseError, parsePort } from "@mybot/runtime";
import { UsageError } from "./config.ts";
import { EXIT } from "./exit-codes.ts";
import type { Io } from "./main.ts";

type SandboxModule = typeof import("@mybot/sandbox");

/** The sentence for a CLI installed without SQLite's optional Node driver. */
export const SANDBOX_MISSING =
  "mybot sandbox needs SQLite's Node driver better-sqlite3, an optional dependency that is not installed (or whose native build failed): npm i better-sqlite3";

/** Whether `error` says that better-sqlite3 itself is missing (not some other package). */
function driverMissing(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return (
    (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") &&
    typeof message === "string" &&
    /['"]better-sqlite3['"]/.test(message)
  );
}

const missingAsUsage = (error: unknown): never => {
  throw driverMissing(error) ? new UsageError(SANDBOX_MISSING) : error;
};

/**
 * Serves the sandbox until `io.signal` aborts; resolves with the exit code. `load` is for tests;
 * `onDemoKey` hears the sandbox's public demo key before it is printed, so that the caller's
 * key scrubber lets it through (the shell may hold that same key).
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
  onDemoKey: (key: string) => void = () => {},
): Promise<number> {
  const portName = options.port === undefined ? "PORT" : "--port";
  const text = options.port ?? io.env.PORT;
  const port = text === undefined || text === "" ? 4010 : parsePort(text);
  if (port === undefined) throw new UsageError(`${portName} "${text}" is not a port number`);
  const { DEMO_CREDENTIAL, startSandbox, serveSandbox } = await load().catch(missingAsUsage);
  const {
    MYBOT_API_KEY: _key,
    MYBOT_CUSTOMER_ID: _customer,
    MYBOT_BOT_KEY: _bot,
    MYBOT_BASE_URL: _url,
    ...env
  } = io.env;
  const sandbox = await startSandbox({ ...env, SANDBOX_DB: options.db ?? io.env.SANDBOX_DB }).catch(
    missingAsUsage,
  );
  const server = await serveSandbox(sandbox, { port, portName }).catch((error: unknown) => {
    // One line and exit 2 like a bad setting, without the usage text: the command line was right.
    if (!(error instanceof PortInUseError)) throw error;
    io.stderr.write(`mybot: ${error.message}\n`);
    return undefined;
  });
  if (server === undefined) return EXIT.usage;
  onDemoKey(DEMO_CREDENTIAL.apiKey);
  io.stdout.write(`MyBOT sandbox listening on ${server.url} — ${sandbox.summary}\n`);
  io.stdout.write(
    `demo credential: MYBOT_BASE_URL=${server.url} MYBOT_CUSTOMER_ID=${DEMO_CREDENTIAL.customerId} MYBOT_BOT_KEY=${DEMO_CREDENTIAL.botKey} MYBOT_API_KEY=${DEMO_CREDENTIAL.apiKey}\n`,
  );
  await new Promise<void>((resolve) => {
    if (io.signal?.aborted) return resolve();
    io.signal?.addEventListener("abort", () => resolve(), { once: true });
  });
  await server.close();
  return 0;
}

/**
 * `mybot sandbox`: the MyBOT sandbox (apps/sandbox) on Node, until Ctrl-C.
 *
 * The sandbox registers the `MYBOT_*` credential of its environment as a valid key in its
 * database. The shell that runs `mybot` most likely holds the real MyBOT key there (the CLI
 * reads it from the same names), so those names are not passed on: the sandbox keeps only its
 * demo credential, and no real key ends up in a SQLite file.
 *
 * @module
 */
import { DEMO_CREDENTIAL, serveOnNode, startSandbox } from "@mybot/sandbox";
import { UsageError } from "./config.ts";
import type { Io } from "./main.ts";

/**
 * Serves the sandbox until `io.signal` aborts; resolves with the exit code.
 *
 * @example
 * ```ts
 * await runSandbox({ port: "4010", db: "./.data/sandbox.db" }, io);
 * ```
 */
export async function runSandbox(
  options: { port?: string | undefined; db?: string | undefined },
  io: Io,
): Promise<number> {
  const port = Number(options.port ?? io.env.PORT ?? 4010);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port "${options.port}" is not a port number`);
  const {
    MYBOT_API_KEY: _key,
    MYBOT_CUSTOMER_ID: _customer,
    MYBOT_BOT_KEY: _bot,
    MYBOT_BASE_URL: _url,
    ...env
  } = io.env;
  const sandbox = await startSandbox({ ...env, SANDBOX_DB: options.db ?? io.env.SANDBOX_DB });
  const server = await serveOnNode(sandbox, port);
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

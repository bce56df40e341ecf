/**
 * `mybot sandbox`: the MyBOT sandbox (apps/sandbox) on Node, until Ctrl-C.
 *
 * @module
 */
import { DEMO_CREDENTIAL, serveOnNode, startSandbox } from "@mybot/sandbox";
import { UsageError } from "./config.ts";
import type { Io } from "./main.ts";

export async function runSandbox(
  options: { port?: string | undefined; db?: string | undefined },
  io: Io,
): Promise<number> {
  const port = Number(options.port ?? io.env.PORT ?? 4010);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port "${options.port}" is not a port number`);
  const sandbox = await startSandbox({ ...io.env, SANDBOX_DB: options.db ?? io.env.SANDBOX_DB });
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

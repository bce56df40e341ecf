/** `pnpm --filter @mybot/sandbox start` on Node. */
import { startSandbox } from "./boot.ts";
import { runMain } from "./main.ts";
import { serveOnNode } from "./serve-node.ts";

await runMain(async (port) => {
  const sandbox = await startSandbox(process.env);
  const server = await serveOnNode(sandbox, port, process.env.HOST || "127.0.0.1");
  return { sandbox, url: server.url, close: server.close };
});

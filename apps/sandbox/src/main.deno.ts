/** `deno run -A src/main.deno.ts`: the sandbox on Deno.serve with node:sqlite. */
import process from "node:process";
import { startSandbox } from "./boot.ts";
import { runMain } from "./main.ts";

declare const Deno: {
  serve(
    options: { port: number; hostname: string; onListen?: (addr: { port: number }) => void },
    handler: (req: Request) => Response | Promise<Response>,
  ): { addr: { port: number }; shutdown(): Promise<void> };
};

await runMain(async (port) => {
  const sandbox = await startSandbox(process.env);
  const hostname = process.env.HOST || "127.0.0.1";
  const server = Deno.serve({ port, hostname, onListen: () => {} }, (req) => sandbox.fetch(req));
  return { sandbox, url: `http://${hostname}:${server.addr.port}`, close: () => server.shutdown() };
});

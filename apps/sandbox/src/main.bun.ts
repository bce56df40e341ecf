/** `bun src/main.bun.ts`: the sandbox on Bun.serve with bun:sqlite. */
import { startSandbox } from "./boot.ts";
import { runMain } from "./main.ts";

declare const Bun: {
  serve(options: {
    port: number;
    hostname: string;
    fetch: (req: Request) => Response | Promise<Response>;
  }): {
    port: number;
    stop(force?: boolean): void;
  };
};

await runMain(async (port) => {
  const sandbox = await startSandbox(process.env);
  const hostname = process.env.HOST || "127.0.0.1";
  const server = Bun.serve({ port, hostname, fetch: (req) => sandbox.fetch(req) });
  return { sandbox, url: `http://${hostname}:${server.port}`, close: () => server.stop(true) };
});

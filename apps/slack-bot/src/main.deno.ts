/** `deno run -A src/main.deno.ts`: the Slack app on Deno.serve. */
import process from "node:process";
import { runMain } from "./main.ts";

declare const Deno: {
  serve(
    options: { port: number; hostname: string; onListen?: () => void },
    handler: (req: Request) => Promise<Response>,
  ): { addr: { port: number }; shutdown(): Promise<void> };
};

await runMain(async (bot, config) => {
  const hostname = process.env.HOST || "127.0.0.1";
  const server = Deno.serve({ port: config.port, hostname, onListen: () => {} }, (req) =>
    bot.fetch(req),
  );
  return { url: `http://${hostname}:${server.addr.port}`, close: () => server.shutdown() };
});

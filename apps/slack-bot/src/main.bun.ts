/** `bun src/main.bun.ts`: the Slack app on Bun.serve. */
import { runMain } from "./main.ts";

declare const Bun: {
  serve(options: { port: number; hostname: string; fetch: (req: Request) => Promise<Response> }): {
    port: number;
    stop(): void;
  };
};

await runMain(async (bot, config) => {
  const hostname = process.env.HOST || "127.0.0.1";
  const server = Bun.serve({ port: config.port, hostname, fetch: (req) => bot.fetch(req) });
  return { url: `http://${hostname}:${server.port}`, close: () => server.stop() };
});

/** `pnpm --filter @mybot/slack-bot start`: the Slack app on Node. */
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { runMain } from "./main.ts";

await runMain(
  (bot, config) =>
    new Promise((resolve) => {
      const hostname = process.env.HOST || "127.0.0.1";
      const server = serve({ fetch: bot.fetch, port: config.port, hostname }, (info: AddressInfo) =>
        resolve({
          url: `http://${hostname}:${info.port}`,
          close: () => new Promise<void>((done) => server.close(() => done())),
        }),
      );
    }),
);

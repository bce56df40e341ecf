/**
 * Start-up shared by the Node, Bun and Deno entry points: read the configuration (a mistake is
 * one line on stderr and exit code 2), serve on this runtime and print where the app listens,
 * stop cleanly on a signal. With `SLACK_APP_TOKEN` the app runs in Socket Mode instead
 * (socket-mode-main.ts): it dials Slack and serves no HTTP.
 *
 * @module
 */
import process from "node:process";
import { hostFromEnv, onShutdown, PortInUseError, serve } from "@mybot/runtime";
import { createSlackBot, EVENTS_PATH } from "./app.ts";
import { loadConfig, type SlackBotConfig, SlackBotConfigError } from "./config.ts";
import { runSocketMode } from "./socket-mode-main.ts";

/** Slack waits 3 s for an answer: a stop lets the requests in flight have that, and a margin. */
const STOP_GRACE_MS = 5_000;

/**
 * @example
 * ```ts
 * await runMain(); // src/main.node.ts, main.bun.ts and main.deno.ts
 * ```
 */
export async function runMain(): Promise<void> {
  let config: SlackBotConfig;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof SlackBotConfigError)) throw error;
    console.error(`slack-bot: ${error.message}`);
    process.exit(2);
  }
  const bot = createSlackBot(config);
  if (config.appToken) return runSocketMode(bot, config);
  const server = await serve({
    fetch: bot.fetch,
    port: config.port,
    portName: "PORT",
    hostname: hostFromEnv(process.env),
    graceMs: STOP_GRACE_MS,
  }).catch((error: unknown) => {
    if (!(error instanceof PortInUseError)) throw error;
    console.error(`slack-bot: ${error.message}`);
    return process.exit(2);
  });
  console.log(
    `MyBOT Slack app listening on ${server.url}${EVENTS_PATH} for ${config.command} (MyBOT at ${config.mybot.baseUrl})`,
  );
  // Lookups already acknowledged still post their results before the process ends.
  onShutdown([() => server.close(), () => bot.idle()], { name: "slack-bot" });
}

/**
 * Start-up shared by the Node, Bun and Deno entry points: read the configuration (a mistake is
 * one line on stderr and exit code 2), print where the app listens, stop cleanly on a signal.
 * With `SLACK_APP_TOKEN` the app runs in Socket Mode instead (socket-mode-main.ts): it dials
 * Slack and serves no HTTP, so `serve` is not called.
 *
 * @module
 */
import process from "node:process";
import { createSlackBot, EVENTS_PATH, type SlackBot } from "./app.ts";
import { loadConfig, type SlackBotConfig, SlackBotConfigError } from "./config.ts";
import { runSocketMode } from "./socket-mode-main.ts";

type Serve = (
  bot: SlackBot,
  config: SlackBotConfig,
) => Promise<{ url: string; close(): Promise<void> | void }>;

/**
 * @example
 * ```ts
 * await runMain(async (bot, config) => ({ url, close }));
 * ```
 */
export async function runMain(serve: Serve): Promise<void> {
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
  const server = await serve(bot, config);
  console.log(
    `MyBOT Slack app listening on ${server.url}${EVENTS_PATH} for ${config.command} (MyBOT at ${config.mybot.baseUrl})`,
  );
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.close();
    await bot.idle();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

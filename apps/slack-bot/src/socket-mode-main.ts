/**
 * Start-up in Socket Mode, for src/main.ts: dial Slack, print one line once connected, stop
 * cleanly on a signal. A token Slack refuses, or Socket Mode turned off for the app, is one
 * line on stderr and exit code 2, like a configuration mistake: restarting cannot fix either,
 * so a supervisor should not be invited into a crash loop. No HTTP port is listened on.
 *
 * @module
 */
import process from "node:process";
import { onShutdown } from "@mybot/runtime";
import type { SlackBot } from "./app.ts";
import type { SlackBotConfig } from "./config.ts";
import { startSocketMode } from "./socket-mode.ts";

/**
 * @example
 * ```ts
 * if (config.appToken) await runSocketMode(createSlackBot(config), config);
 * ```
 */
export async function runSocketMode(bot: SlackBot, config: SlackBotConfig): Promise<void> {
  const client = startSocketMode({
    appToken: config.appToken as string,
    apiUrl: config.slackApiUrl,
    dispatch: bot.dispatch,
  });
  const fail = async (message: string) => {
    console.error(`slack-bot: ${message}`);
    // Lookups already acknowledged still post their results.
    await Promise.race([bot.idle(), new Promise((r) => setTimeout(r, 30_000))]);
    process.exit(2);
  };
  void client.done.then((error) => error && fail(error.message));
  try {
    await client.ready;
  } catch {
    return; // `done` reports it.
  }
  console.log(
    `MyBOT Slack app in Socket Mode: connected through ${config.slackApiUrl} for ${config.command} (MyBOT at ${config.mybot.baseUrl})`,
  );
  onShutdown([() => client.close(), () => bot.idle()], { name: "slack-bot" });
}

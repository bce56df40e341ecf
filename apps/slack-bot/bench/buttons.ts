/**
 * A button press to its replaced page: the app and the sandbox in this process, the press signed
 * as Slack signs it, timed from sending the `block_actions` request to the page's arrival at the
 * stand-in for the action's `response_url`. Prints p50 and p99 against the goal (p99 <= 300 ms).
 * With `onPublic`, the transcript is posted `public` and each press carries it whole, as Slack
 * sends presses on non-ephemeral messages: the body size is printed too.
 */
import { createSlackBot } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import { buttonsOf } from "../test/block-kit.ts";
import { blockAction, botEnv, slashCommand, startCapture, startMyBot } from "../test/harness.ts";
import { percentiles } from "./load.ts";

const URL_ = "http://slack-bot.bench/slack/events";

/**
 * @example
 * ```ts
 * await benchButtons(200);
 * await benchButtons(200, true);
 * ```
 */
export async function benchButtons(presses: number, onPublic = false): Promise<void> {
  const [mybot, capture] = await Promise.all([startMyBot(), startCapture()]);
  const bot = createSlackBot(
    loadConfig({ ...botEnv(mybot.url, capture.host), SLACK_MASK_PII: "true" }),
    { log: () => {} },
  );
  // A long history, so that every press reads a real page of 20 from the middle of it.
  const start = Date.now() - 86_400_000;
  await mybot.putUser(
    "bench-user",
    Array.from({ length: 2000 }, (_, i) => ({
      timestamp: start + i * 1000,
      sender: i % 2 ? "bot" : "user",
      response: `message ${i} with some text, an email asha@example.com and +91 98123 45678`,
    })),
  );
  const typed = onPublic ? "history bench-user limit 50 public" : "history bench-user";
  const { request, hookPath } = await slashCommand(URL_, typed, {
    captureHost: capture.host,
  });
  await bot.fetch(request);
  let page = await capture.postTo(hookPath);
  const latencies: number[] = [];
  const sizes: number[] = [];
  let failed = 0;
  for (let i = 0; i < presses; i++) {
    // Older all the way down a stretch, then back: both buttons, always a full page.
    const wanted = i % 40 < 20 ? "mybot_older" : "mybot_newer";
    const button = buttonsOf(page).find((b) => b.id === wanted);
    if (!button) throw new Error(`no ${wanted} button on press ${i}: ${page.text}`);
    const press = await blockAction(
      URL_,
      { actionId: wanted, value: button.value },
      {
        captureHost: capture.host,
        message: onPublic ? { text: page.text, blocks: page.blocks } : undefined,
      },
    );
    sizes.push(press.bytes);
    const started = performance.now();
    const response = await bot.fetch(press.request);
    await response.text();
    page = await capture.postTo(press.hookPath);
    latencies.push(performance.now() - started);
    if (response.status !== 200 || page.replace_original !== true) failed++;
  }
  const pct = percentiles(latencies);
  const where = onPublic
    ? `public pages of 50, the message in each press (bodies up to ${(Math.max(...sizes) / 1024).toFixed(0)} KiB)`
    : "private pages of 20";
  console.log(
    `Button press to replaced page (${process.version}, app and sandbox in process, 2,000-message history, ${where}): ${presses} presses`,
  );
  console.log(
    `  p50 ${pct(50).toFixed(1)} ms, p99 ${pct(99).toFixed(1)} ms (goal p99 <= 300 ms); ${failed} not replaced in place`,
  );
  await bot.idle();
  await Promise.all([mybot.close(), capture.close()]);
}

/**
 * The end-to-end tests' shared setup: the app (in process) against the sandbox, with a local
 * server capturing what would reach Slack through response_url. {@link useE2E} registers the
 * hooks of one test file and gives its tests the running pieces.
 *
 * @module
 */
import type { SeedMessage } from "@mybot/sandbox";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { createSlackBot, type SlackBot } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import { buttonsOf } from "./block-kit.ts";
import { blockAction, botEnv, slashCommand, startCapture, startMyBot } from "./harness.ts";

export const URL_ = "http://slack-bot.test/slack/events";

/** An acknowledgement: JSON (`text`, `response_type`) for a command, else a body read as text. */
export type Ack = { text: string; response_type?: string };

export interface E2E {
  mybot: Awaited<ReturnType<typeof startMyBot>>;
  capture: Awaited<ReturnType<typeof startCapture>>;
  bot: SlackBot;
  logs: string[];
  /** A new app on the same sandbox and capture, with settings of its own. */
  app(env?: Record<string, string>, deps?: { fetch?: typeof fetch }): SlackBot;
  /** Sends a signed slash command; resolves with the ack and where the answer will be posted. */
  run(
    text: string,
    options?: { user?: string; channel?: string },
    app?: SlackBot,
  ): Promise<{ response: Response; ack: Ack; ackMs: number; hookPath: string }>;
  /** Presses a button of `reply`; resolves with the ack and where the page will be posted. */
  press(
    reply: { text?: string; blocks?: unknown[] },
    actionId: string,
    options?: {
      user?: string;
      channel?: string;
      value?: (v: string) => string;
      /** Pressed on the public message `reply` (Slack then sends it whole in the payload). */
      onPublicMessage?: boolean;
      app?: SlackBot;
    },
  ): Promise<{ response: Response; ackBody: string; hookPath: string; bytes: number }>;
  /** Adds messages to a user's history, as the sandbox's admin API takes them. */
  addMessages(id: string, messages: SeedMessage[]): Promise<number>;
}

/**
 * @example
 * ```ts
 * const e2e = useE2E();
 * it("…", async () => { const { hookPath } = await e2e.run("users plan=gold"); });
 * ```
 */
export function useE2E(): E2E {
  const e2e = { logs: [] as string[] } as E2E;
  const apps: SlackBot[] = [];
  e2e.app = (env = {}, deps = {}) => {
    const app = createSlackBot(
      loadConfig({ ...botEnv(e2e.mybot.url, e2e.capture.host), SLACK_MASK_PII: "false", ...env }),
      { log: (l) => e2e.logs.push(l), ...deps },
    );
    apps.push(app);
    return app;
  };
  e2e.run = async (text, options = {}, app = e2e.bot) => {
    const { request, hookPath } = await slashCommand(URL_, text, {
      captureHost: e2e.capture.host,
      ...options,
    });
    const started = Date.now();
    const response = await app.fetch(request);
    const ackMs = Date.now() - started;
    const ack = (
      response.headers.get("content-type")?.includes("json")
        ? await response.json()
        : { text: await response.text() }
    ) as Ack;
    return { response, ack, ackMs, hookPath };
  };
  e2e.press = async (reply, actionId, options = {}) => {
    const button = buttonsOf(reply).find((b) => b.id === actionId);
    if (!button) throw new Error(`no ${actionId} button in ${JSON.stringify(reply.blocks)}`);
    const value = options.value ? options.value(button.value) : button.value;
    const { request, hookPath, bytes } = await blockAction(
      URL_,
      { actionId, value },
      {
        captureHost: e2e.capture.host,
        user: options.user,
        channel: options.channel,
        message: options.onPublicMessage
          ? { text: reply.text ?? "", blocks: reply.blocks }
          : undefined,
      },
    );
    const response = await (options.app ?? e2e.bot).fetch(request);
    return { response, ackBody: await response.text(), hookPath, bytes };
  };
  e2e.addMessages = (id, messages) => e2e.mybot.admin.appendMessages(id, messages);

  beforeAll(async () => {
    [e2e.mybot, e2e.capture] = await Promise.all([startMyBot(), startCapture()]);
    e2e.bot = e2e.app();
  });
  afterAll(async () => {
    await Promise.all(apps.map((a) => a.idle()));
    await Promise.all([e2e.mybot.close(), e2e.capture.close()]);
  });
  beforeEach(() => e2e.mybot.sandbox.faults.clear());
  return e2e;
}

/** The numbers of the `line NN` messages in a reply, in the order shown. */
export const lines = (reply: { blocks?: unknown[] }) =>
  [...JSON.stringify(reply.blocks).matchAll(/line (\d{2})/g)].map((m) => Number(m[1]));
export const range = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, i) => from + i);
/** Messages `line 00`… one second apart from `start`, user and bot in turn. */
export const numbered = (count: number, start: number): SeedMessage[] =>
  range(0, count).map((i) => ({
    timestamp: start + i * 1000,
    sender: i % 2 ? "bot" : "user",
    response: `line ${String(i).padStart(2, "0")}`,
  }));
/** The command of the footer's "Older:" hint, without the slash command's name. */
export const olderCommand = (reply: { blocks?: unknown[] }) =>
  /Older: `\/mybot ([^`]+)`/.exec(JSON.stringify(reply.blocks))?.[1];

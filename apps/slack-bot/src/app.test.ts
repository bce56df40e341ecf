import type { MyBotClient } from "@mybot/core";
import { describe, expect, it } from "vitest";
import { ALLOWED_USER, botEnv, slashCommand } from "../test/harness.ts";
import { createSlackBot } from "./app.ts";
import { loadConfig } from "./config.ts";
import type { Responder } from "./response-url.ts";

const CAPTURE = "127.0.0.1:9";

/** The app with a MyBOT that records lookups and a responder that records replies. */
function bot(env: Record<string, string> = {}) {
  const lookups: string[] = [];
  const replies: { text: string }[] = [];
  const client = {
    async getMatchingUsers(query: { attributeName: string }) {
      lookups.push(`users ${query.attributeName}`);
      return [{ channelUserId: "919812345678", channel: "whatsapp", name: "Asha", attributes: {} }];
    },
    async getLatestMessages(id: string) {
      lookups.push(`history ${id}`);
      return { messages: [], page: 1, count: 20, endDate: 0, hasOlder: false, requests: 1 };
    },
  } as unknown as MyBotClient;
  const responder: Responder = {
    async post(_url, body) {
      replies.push(body as { text: string });
      return "sent";
    },
  };
  const app = createSlackBot(loadConfig({ ...botEnv("http://mybot.test", CAPTURE), ...env }), {
    client,
    responder,
    log: () => {},
  });
  const run = async (text: string, who: { user?: string; channel?: string } = {}) => {
    const { request } = await slashCommand("http://slack-bot.test/slack/events", text, {
      captureHost: CAPTURE,
      ...who,
    });
    const ack = await (await app.fetch(request)).json();
    await app.idle();
    return ack as { text: string };
  };
  return { run, lookups, replies };
}

describe("the allow-list", () => {
  it("refuses a user lookup to people and channels not on it, with a sentence and no lookup", async () => {
    const { run, lookups, replies } = bot();
    const ack = await run("users plan=gold", { user: "U0STRANGER", channel: "C0RANDOM" });
    expect(ack.text).toContain("only allow-listed people and channels");
    expect(ack.text).toContain("`SLACK_ALLOWED_USERS`");
    expect(lookups).toEqual([]);
    expect(replies).toEqual([]);
  });

  it("lets allow-listed people and channels look users up, ids whole", async () => {
    const { run, lookups, replies } = bot({ SLACK_ALLOWED_CHANNELS: "C0SUPPORT" });
    expect((await run("users plan=gold")).text).toBe("Looking up…");
    expect((await run("users plan=gold", { user: "U0OTHER", channel: "C0SUPPORT" })).text).toBe(
      "Looking up…",
    );
    expect(lookups).toEqual(["users plan", "users plan"]);
    expect(JSON.stringify(replies[0])).toContain("`919812345678` (whatsapp)");
  });

  it("is the same one for history", async () => {
    const { run, lookups } = bot();
    expect((await run("history 919812345678", { user: "U0STRANGER" })).text).toContain(
      "Chat history is personal data",
    );
    expect((await run("history 919812345678", { user: ALLOWED_USER })).text).toBe("Looking up…");
    expect(lookups).toEqual(["history 919812345678"]);
  });
});

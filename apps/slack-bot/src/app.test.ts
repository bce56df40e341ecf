import type { MyBotClient } from "@mybot/core";
import { describe, expect, it } from "vitest";
import { ALLOWED_USER, botEnv, SIGNING_SECRET, slashCommand } from "../test/harness.ts";
import { createSlackBot } from "./app.ts";
import { encodeButtonValue } from "./button-value.ts";
import { loadConfig } from "./config.ts";
import type { Responder } from "./response-url.ts";

const CAPTURE = "127.0.0.1:9";

/** The app with a MyBOT that records lookups and a responder that records replies. */
function bot(env: Record<string, string> = {}) {
  const lookups: string[] = [];
  const replies: { text: string; replace_original?: boolean; blocks?: unknown[] }[] = [];
  const client = {
    async getMatchingUsers(query: { attributeName: string }) {
      lookups.push(`users ${query.attributeName}`);
      return [{ channelUserId: "919812345678", channel: "whatsapp", name: "Asha", attributes: {} }];
    },
    async getLatestMessages(id: string, options: { page?: number; endDate?: number } = {}) {
      lookups.push(
        options.page && options.page > 1
          ? `history ${id} page ${options.page} until ${options.endDate}`
          : `history ${id}`,
      );
      const page = options.page ?? 1;
      return { messages: [], page, count: 20, endDate: 1000, hasOlder: false, requests: 1 };
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
  return { app, run, lookups, replies };
}

/** A press of a transcript button as Socket Mode delivers it (the HTTP form's `payload`). */
const press = (value: string, user = ALLOWED_USER) => ({
  type: "block_actions",
  user: { id: user },
  channel: { id: "C0SUPPORT" },
  response_url: `http://${CAPTURE}/actions/1`,
  actions: [{ action_id: "mybot_older", type: "button", value }],
});

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

describe("dispatch, the Socket Mode door", () => {
  it("answers a slash command with the same acknowledgement as HTTP, then posts the lookup", async () => {
    const { app, lookups, replies } = bot();
    const ack = await app.dispatch("slash_commands", {
      command: "/mybot",
      text: "history 919812345678",
      user_id: ALLOWED_USER,
      channel_id: "C0SUPPORT",
      response_url: `http://${CAPTURE}/commands/1`,
    });
    expect(ack).toEqual({ response_type: "ephemeral", text: "Looking up…" });
    await app.idle();
    expect(lookups).toEqual(["history 919812345678"]);
    expect(replies[0]?.text).toBe("No messages for 919812345678");
    const refused = await app.dispatch("slash_commands", {
      command: "/mybot",
      text: "history 919812345678",
      user_id: "U0STRANGER",
      channel_id: "C0RANDOM",
    });
    expect(refused).toMatchObject({
      text: expect.stringContaining("Chat history is personal data"),
    });
    expect(await app.dispatch("slash_commands", { command: "/other", text: "help" })).toBe(
      undefined,
    );
  });

  it("acknowledges a button press with nothing, then replaces the page in place", async () => {
    const { app, lookups, replies } = bot();
    const value = await encodeButtonValue(SIGNING_SECRET, {
      channelUserId: "919812345678",
      until: 1000,
      page: 2,
      limit: 20,
      public: false,
      channelId: "C0SUPPORT",
    });
    expect(await app.dispatch("interactive", press(value as string))).toBe(undefined);
    await app.idle();
    expect(lookups).toEqual(["history 919812345678 page 2 until 1000"]);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.replace_original).toBe(true);
    expect(replies[0]?.text).toBe("No messages for 919812345678 on page 2 back from the latest");
  });

  it("refuses a press by someone off the allow-list and a forged value, in a sentence, no lookup", async () => {
    const { app, lookups, replies } = bot();
    const value = (await encodeButtonValue(SIGNING_SECRET, {
      channelUserId: "919812345678",
      page: 2,
      limit: 20,
      public: false,
      channelId: "C0SUPPORT",
    })) as string;
    await app.dispatch("interactive", press(value, "U0STRANGER"));
    await app.dispatch("interactive", press(value.replace("919812345678", "447700900123")));
    await app.dispatch("interactive", press("not a value"));
    // Not one of ours, or not a press: acknowledged and ignored.
    await app.dispatch("interactive", { type: "view_submission" });
    await app.dispatch("interactive", { ...press(value), actions: [{ action_id: "other" }] });
    await app.idle();
    expect(lookups).toEqual([]);
    // The three run side by side: their order is not the presses' order.
    expect(replies).toHaveLength(3);
    expect(replies.every((r) => r.replace_original === false)).toBe(true);
    const texts = replies.map((r) => r.text).join("\n");
    expect(texts).toContain("This button is not for you.");
    expect(texts).toContain("was changed on the way");
    expect(texts).toContain("could not be read");
  });
});

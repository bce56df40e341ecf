import { HISTORY_SHAPE_VARIANTS } from "@mybot/sandbox";
/**
 * Signed slash commands end to end: the app (in process) against the sandbox, with a local
 * server capturing what would reach Slack through response_url.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createSlackBot, type SlackBot } from "../src/app.ts";
import { encodeButtonValue } from "../src/button-value.ts";
import { loadConfig } from "../src/config.ts";
import { blockKitProblems, blockTexts, buttonsOf } from "./block-kit.ts";
import {
  ADMIN_TOKEN,
  blockAction,
  botEnv,
  MYBOT,
  SIGNING_SECRET,
  slashCommand,
  startCapture,
  startMyBot,
} from "./harness.ts";

let mybot: Awaited<ReturnType<typeof startMyBot>>;
let capture: Awaited<ReturnType<typeof startCapture>>;
let bot: SlackBot;
const logs: string[] = [];
const URL_ = "http://slack-bot.test/slack/events";

beforeAll(async () => {
  [mybot, capture] = await Promise.all([startMyBot(), startCapture()]);
  bot = createSlackBot(
    loadConfig({ ...botEnv(mybot.url, capture.host), SLACK_MASK_PII: "false" }),
    { log: (l) => logs.push(l) },
  );
});
afterAll(async () => {
  await bot.idle();
  await Promise.all([mybot.close(), capture.close()]);
});
beforeEach(() => mybot.sandbox.faults.clear());

async function run(
  text: string,
  options: { user?: string; channel?: string } = {},
  app: SlackBot = bot,
) {
  const { request, hookPath } = await slashCommand(URL_, text, {
    captureHost: capture.host,
    ...options,
  });
  const started = Date.now();
  const response = await app.fetch(request);
  const ackMs = Date.now() - started;
  const ack = response.headers.get("content-type")?.includes("json")
    ? await response.json()
    : await response.text();
  return { response, ack, ackMs, hookPath };
}

describe("/mybot users", () => {
  it("acknowledges at once, then posts the matching users to response_url", async () => {
    const { response, ack, hookPath } = await run("users c1=straberry");
    expect(response.status).toBe(200);
    expect(ack).toMatchObject({ response_type: "ephemeral", text: "Looking up…" });
    const reply = await capture.postTo(hookPath);
    expect(reply.response_type).toBe("ephemeral");
    expect(reply.text).toBe("1 user with c1=straberry");
    expect(JSON.stringify(reply.blocks)).toContain("`919812345678` (whatsapp) — Asha");
  });

  it("answers a mistake with a usage line and no lookup", async () => {
    const { ack, hookPath } = await run("users plan");
    expect(ack.text).toContain("`plan` is not one attribute=value pair");
    expect(ack.text).toContain("usage:");
    await bot.idle();
    expect(capture.posts.find((p) => p.path === hookPath)).toBeUndefined();
  });

  it("replies in the channel only when asked", async () => {
    const { hookPath } = await run("users c1=straberry public");
    expect((await capture.postTo(hookPath)).response_type).toBe("in_channel");
  });
});

describe("/mybot history", () => {
  it("posts a readable transcript to allow-listed users", async () => {
    const { ack, hookPath } = await run("history 919812345678");
    expect(ack.text).toBe("Looking up…");
    const reply = await capture.postTo(hookPath);
    const text = JSON.stringify(reply.blocks);
    expect(reply.text).toBe("Chat history of 919812345678: all 2 messages");
    expect(text).toMatch(/\*user\* · \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\\nhi/);
    expect(text).toContain("Hello! How can I help you today?");
  });

  it("refuses people and channels not on the allow-list", async () => {
    const { ack, hookPath } = await run("history 919812345678", {
      user: "U0STRANGER",
      channel: "C0RANDOM",
    });
    expect(ack.text).toContain("only allow-listed people and channels");
    await bot.idle();
    expect(capture.posts.find((p) => p.path === hookPath)).toBeUndefined();
  });

  it("escapes what users typed, so a message cannot ping the channel", async () => {
    const admin = (path: string, body: unknown) =>
      fetch(`${mybot.url}/__admin${path}`, {
        method: "POST",
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    await admin("/customers/10294/bots/1a1c9bfa5e0f41ed/users/919812345678/messages", {
      messages: [
        {
          id: "evil",
          timestamp: Date.now() - 1000,
          sender: "user",
          response: "<!channel> free money <https://evil.example|here>",
        },
      ],
    });
    const reply = await capture.postTo((await run("history 919812345678 since 1h")).hookPath);
    const text = JSON.stringify(reply);
    expect(text).not.toContain("<!channel>");
    expect(text).toContain("&lt;!channel&gt; free money &lt;https://evil.example|here&gt;");
  });

  it("answers a transcript whose first message is 3,000+ hostile characters", async () => {
    const start = Date.now() - 60_000;
    await mybot.putUser("long-first", [
      { timestamp: start, sender: "user", response: `*@here* <!channel> & ${"x".repeat(3500)}` },
      { timestamp: start + 1000, sender: "bot", response: "ok" },
    ]);
    const reply = await capture.postTo((await run("history long-first public")).hookPath);
    expect(reply.response_type).toBe("in_channel");
    expect(blockKitProblems(reply)).toEqual([]);
    const text = blockTexts(reply).join("\n");
    expect(text).toContain("∗@\u2060here∗ &lt;!channel&gt; &amp; xxx");
    expect(text).toMatch(/x…\n+\*bot\* · /);
  });

  it("tells the user in a sentence when MyBOT does not know the user", async () => {
    const reply = await capture.postTo((await run("history nobody-at-all")).hookPath);
    expect(reply.text).toBe(
      "MyBOT does not know that user (or this bot). Check the user id: `/mybot users …` lists them.",
    );
  });
});

/** The numbers of the `line NN` messages in a reply, in the order shown. */
const lines = (reply: { blocks?: unknown[] }) =>
  [...JSON.stringify(reply.blocks).matchAll(/line (\d{2})/g)].map((m) => Number(m[1]));
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
/** The command of the footer's "Older:" hint, without the slash command's name. */
const olderCommand = (reply: { blocks?: unknown[] }) =>
  /Older: `\/mybot ([^`]+)`/.exec(JSON.stringify(reply.blocks))?.[1];

describe.each(HISTORY_SHAPE_VARIANTS)("/mybot history, MyBOT serving %s", (label, shape) => {
  let shaped: SlackBot;
  beforeAll(async () => {
    await mybot.admin("/shape", "PUT", shape);
    // A new client: a client remembers the order it detected, and this MyBOT changed it.
    shaped = createSlackBot(
      loadConfig({ ...botEnv(mybot.url, capture.host), SLACK_MASK_PII: "false" }),
      { log: (l) => logs.push(l) },
    );
  });
  afterAll(async () => {
    await shaped.idle();
    await mybot.admin("/shape", "PUT", HISTORY_SHAPE_VARIANTS[0]?.[1]);
  });

  it("shows the newest messages oldest first, and pages back without overlap or gap", async () => {
    const id = `pager-${label.replace(/\W+/g, "-")}`;
    const start = Date.now() - 3_600_000;
    await mybot.putUser(
      id,
      range(0, 45).map((i) => ({
        timestamp: start + i * 1000,
        sender: i % 2 ? "bot" : "user",
        response: `line ${String(i).padStart(2, "0")}`,
      })),
    );
    const newest = await capture.postTo((await run(`history ${id}`, {}, shaped)).hookPath);
    // The total is known when the server sends it or the client had to count (oldest first).
    expect(newest.text).toMatch(
      new RegExp(`^Chat history of ${id}: the latest 20 messages( of 45)?$`),
    );
    expect(lines(newest)).toEqual(range(25, 45));
    const older = olderCommand(newest);
    expect(older).toMatch(
      new RegExp(
        `^history ${id} until \\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z page 2$`,
      ),
    );

    // A message arriving meanwhile cannot shift the pages: the window's end is pinned.
    await mybot.admin(
      `/customers/${MYBOT.MYBOT_CUSTOMER_ID}/bots/${MYBOT.MYBOT_BOT_KEY}/users/${id}/messages`,
      "POST",
      { messages: [{ timestamp: Date.now() - 1, sender: "user", response: "line 99" }] },
    );
    const second = await capture.postTo((await run(older as string, {}, shaped)).hookPath);
    expect(second.text).toMatch(
      new RegExp(`^Chat history of ${id}: page 2 back from the latest, 20 messages( of 45)?$`),
    );
    expect(lines(second)).toEqual(range(5, 25));
    const third = await capture.postTo(
      (await run(olderCommand(second) as string, {}, shaped)).hookPath,
    );
    expect(lines(third)).toEqual(range(0, 5));
    expect(olderCommand(third)).toBeUndefined();
    expect(JSON.stringify(third.blocks)).toContain("Newer: `/mybot history");

    // Without `until`, the newest again, the new one included.
    const latest = await capture.postTo((await run(`history ${id} limit 3`, {}, shaped)).hookPath);
    expect(lines(latest)).toEqual([43, 44, 99]);
  });
});

describe("buttons: a transcript paged in place", () => {
  /** Presses a button of `reply` as `user`; resolves with the ack and what reached Slack. */
  async function pressOn(
    reply: { blocks?: unknown[] },
    actionId: string,
    options: { user?: string; channel?: string; value?: (v: string) => string } = {},
  ) {
    const button = buttonsOf(reply).find((b) => b.id === actionId);
    if (!button) throw new Error(`no ${actionId} button in ${JSON.stringify(reply.blocks)}`);
    const value = options.value ? options.value(button.value) : button.value;
    const { request, hookPath } = await blockAction(
      URL_,
      { actionId, value },
      {
        captureHost: capture.host,
        ...options,
      },
    );
    const response = await bot.fetch(request);
    return { response, ackBody: await response.text(), hookPath };
  }

  it("history, then Older, Older and Newer, each page replacing the last through its own response_url", async () => {
    const id = "pressed-user";
    const start = Date.now() - 3_600_000;
    await mybot.putUser(
      id,
      range(0, 45).map((i) => ({
        timestamp: start + i * 1000,
        sender: i % 2 ? "bot" : "user",
        response: `line ${String(i).padStart(2, "0")}`,
      })),
    );
    const first = await capture.postTo((await run(`history ${id}`)).hookPath);
    expect(lines(first)).toEqual(range(25, 45));
    expect(buttonsOf(first).map((b) => b.text)).toEqual(["◀ Older"]);
    expect(blockKitProblems(first)).toEqual([]);

    // A message arriving meanwhile cannot shift the pages: the window's end is pinned.
    await mybot.admin(
      `/customers/${MYBOT.MYBOT_CUSTOMER_ID}/bots/${MYBOT.MYBOT_BOT_KEY}/users/${id}/messages`,
      "POST",
      { messages: [{ timestamp: Date.now() - 1, sender: "user", response: "line 99" }] },
    );
    const older = await pressOn(first, "mybot_older");
    expect(older.response.status).toBe(200);
    expect(older.ackBody).toBe("");
    const second = await capture.postTo(older.hookPath);
    expect(second.replace_original).toBe(true);
    expect(lines(second)).toEqual(range(5, 25));
    expect(buttonsOf(second).map((b) => b.text)).toEqual(["◀ Older", "Newer ▶"]);

    const third = await capture.postTo((await pressOn(second, "mybot_older")).hookPath);
    expect(lines(third)).toEqual(range(0, 5));
    expect(buttonsOf(third).map((b) => b.text)).toEqual(["Newer ▶"]);
    expect(blockKitProblems(third)).toEqual([]);

    const back = await capture.postTo((await pressOn(third, "mybot_newer")).hookPath);
    expect(back.replace_original).toBe(true);
    expect(lines(back)).toEqual(range(5, 25));
  });

  it("refuses a tampered value and an outsider's press with a sentence, leaving the page as it is", async () => {
    const page = await capture.postTo((await run("history pressed-user limit 3")).hookPath);
    const tampered = await pressOn(page, "mybot_older", {
      value: (v) => v.replace("|2|", "|9|"),
    });
    expect(tampered.response.status).toBe(200);
    const told = await capture.postTo(tampered.hookPath);
    expect(told.replace_original).toBe(false);
    expect(told.text).toContain("This button's value was changed on the way");

    const outsider = await pressOn(page, "mybot_older", {
      user: "U0STRANGER",
      channel: "C0RANDOM",
    });
    const refused = await capture.postTo(outsider.hookPath);
    expect(refused.replace_original).toBe(false);
    expect(refused.text).toContain("only allow-listed people and channels");

    const junk = await pressOn(page, "mybot_older", { value: () => "{not a value" });
    expect((await capture.postTo(junk.hookPath)).text).toContain("could not be read");
    expect(JSON.stringify(capture.posts)).not.toMatch(/\n\s+at |Error:/);
  });

  it("says so when the user of a transcript no longer exists", async () => {
    // The sandbox cannot delete a user: a genuine value for an id MyBOT does not know is the same.
    const value = (await encodeButtonValue(SIGNING_SECRET, {
      channelUserId: "deleted-since",
      until: Date.now(),
      page: 2,
      limit: 20,
      public: false,
    })) as string;
    const { request, hookPath } = await blockAction(
      URL_,
      { actionId: "mybot_older", value },
      {
        captureHost: capture.host,
      },
    );
    expect((await bot.fetch(request)).status).toBe(200);
    expect((await capture.postTo(hookPath)).text).toBe(
      "MyBOT no longer knows this user (deleted since?), so there is no transcript to show.",
    );
  });
});

describe("/mybot user: the card", () => {
  it("finds a user typed as a phone number, shows the card, and opens the transcript from it", async () => {
    const carded = createSlackBot(
      loadConfig({
        ...botEnv(mybot.url, capture.host),
        SLACK_MASK_PII: "true",
        SLACK_USER_CARD_ATTRIBUTE: "phone",
      }),
      { log: (l) => logs.push(l) },
    );
    await mybot.admin(
      `/customers/${MYBOT.MYBOT_CUSTOMER_ID}/bots/${MYBOT.MYBOT_BOT_KEY}/users/447700900123`,
      "PUT",
      {
        channel: "whatsapp",
        name: "Ravi Rao",
        attributes: { phone: "447700900123", email: "ravi@example.com", plan: "silver" },
        messages: [
          { timestamp: Date.now() - 20 * 86_400_000, sender: "user", response: "long ago" },
          { timestamp: Date.now() - 3_600_000, sender: "user", response: "hello again" },
          { timestamp: Date.now() - 3_500_000, sender: "bot", response: "hi Ravi" },
        ],
      },
    );
    const { ack, hookPath } = await run("user +44 (7700) 900-123", {}, carded);
    expect(ack.text).toBe("Looking up…");
    const card = await capture.postTo(hookPath);
    expect(blockKitProblems(card)).toEqual([]);
    const text = blockTexts(card).join("\n");
    expect(text).toContain("*User `447700900123`*");
    expect(text).toContain("`447700900123` (whatsapp) — Ravi Rao");
    expect(text).not.toContain("ravi@example.com");
    expect(text).toMatch(
      /Last message \d{4}-\d\d-\d\d \d\d:\d\d UTC · 2 messages in the last 7 days/,
    );

    const button = buttonsOf(card).find((b) => b.id === "mybot_transcript");
    expect(button?.text).toBe("Show transcript");
    const { request, hookPath: pressed } = await blockAction(
      URL_,
      { actionId: "mybot_transcript", value: button?.value as string },
      { captureHost: capture.host },
    );
    expect((await carded.fetch(request)).status).toBe(200);
    const transcript = await capture.postTo(pressed);
    expect(transcript.replace_original).toBe(true);
    expect(transcript.text).toBe("Chat history of 447700900123: all 3 messages");
    await carded.idle();
  });

  it("answers an unknown user with a sentence, and refuses outsiders", async () => {
    const unknown = await capture.postTo((await run("user +1 555 0100 999")).hookPath);
    expect(unknown.text).toContain("MyBOT knows no user `15550100999`");
    const { ack } = await run("user 919812345678", { user: "U0STRANGER", channel: "C0RANDOM" });
    expect(ack.text).toContain("A user card shows personal data");
  });
});

describe("when MyBOT is slow or failing", () => {
  it("still acknowledges within 3 s with a 10 s delay, then says MyBOT is slow", async () => {
    mybot.sandbox.faults.set([{ endpoint: "all", type: "latency", latencyMs: 10_000 }]);
    const { ack, ackMs, hookPath } = await run("users c1=straberry");
    expect(ack.text).toBe("Looking up…");
    expect(ackMs).toBeLessThan(3000);
    expect((await capture.postTo(hookPath)).text).toBe(
      "MyBOT is slow to answer right now; try again in a minute.",
    );
  });

  it("still acknowledges within 3 s with 500s, then says MyBOT is down", async () => {
    mybot.sandbox.faults.set([{ endpoint: "all", type: "status", status: 500 }]);
    const { ackMs, hookPath } = await run("history 919812345678");
    expect(ackMs).toBeLessThan(3000);
    const reply = await capture.postTo(hookPath);
    expect(reply.text).toBe("MyBOT is down or unreachable right now; try again in a few minutes.");
    expect(JSON.stringify(reply)).not.toMatch(/\n\s+at |Error:|stack/);
  });
});

describe("security", () => {
  it("rejects forged, expired and future-dated signatures before anything else", async () => {
    for (const options of [
      { secret: "not-the-secret" },
      { nowMs: Date.now() - 6 * 60_000 },
      { nowMs: Date.now() + 6 * 60_000 },
    ]) {
      const { request, hookPath } = await slashCommand(URL_, "users c1=straberry", {
        captureHost: capture.host,
        ...options,
      });
      expect((await bot.fetch(request)).status).toBe(401);
      await bot.idle();
      expect(capture.posts.find((p) => p.path === hookPath)).toBeUndefined();
    }
  });

  it("refuses an oversized body and other paths and methods", async () => {
    const big = new Request(URL_, {
      method: "POST",
      body: "x".repeat(20_000),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect((await bot.fetch(big)).status).toBe(413);
    // A chunked body with no Content-Length is cut off as it streams in, not read whole.
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(4096));
      },
    });
    const streamed = new Request(URL_, {
      method: "POST",
      body: endless,
      duplex: "half",
    } as RequestInit);
    expect((await bot.fetch(streamed)).status).toBe(413);
    expect(pulled).toBeLessThan(10);
    expect(
      (await bot.fetch(new Request("http://slack-bot.test/other", { method: "POST" }))).status,
    ).toBe(404);
    expect((await bot.fetch(new Request(URL_))).status).toBe(405);
  });

  it("never puts the MyBOT key in a reply or a log line", async () => {
    await bot.idle();
    const everything = JSON.stringify(capture.posts) + logs.join("\n");
    expect(capture.posts.length).toBeGreaterThan(3);
    expect(everything).not.toContain(MYBOT.MYBOT_API_KEY);
  });
});

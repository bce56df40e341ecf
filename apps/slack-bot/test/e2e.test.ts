/**
 * Signed slash commands end to end: the app (in process) against the sandbox, with a local
 * server capturing what would reach Slack through response_url (e2e-app.ts). Paging by typed
 * commands is in e2e-paging.test.ts, buttons in e2e-buttons.test.ts, the card in e2e-card.test.ts.
 */
import { ASHA_ID } from "@mybot/test-kit";
import { describe, expect, it } from "vitest";
import { blockKitProblems, blockTexts } from "./block-kit.ts";
import { URL_, useE2E } from "./e2e-app.ts";
import { MYBOT, slashCommand } from "./harness.ts";

const e2e = useE2E();
const run: typeof e2e.run = (...args) => e2e.run(...args);

describe("/mybot users", () => {
  it("acknowledges at once, then posts the matching users to response_url", async () => {
    const { response, ack, hookPath } = await run("users c1=straberry");
    expect(response.status).toBe(200);
    expect(ack).toMatchObject({ response_type: "ephemeral", text: "Looking up…" });
    const reply = await e2e.capture.postTo(hookPath);
    expect(reply.response_type).toBe("ephemeral");
    expect(reply.text).toBe("1 user with c1=straberry");
    expect(JSON.stringify(reply.blocks)).toContain("`919812345678` (whatsapp) — Asha");
  });

  it("answers a mistake with a usage line and no lookup", async () => {
    const { ack, hookPath } = await run("users plan");
    expect(ack.text).toContain("`plan` is not one attribute=value pair");
    expect(ack.text).toContain("usage:");
    await e2e.bot.idle();
    expect(e2e.capture.posts.find((p) => p.path === hookPath)).toBeUndefined();
  });

  it("replies in the channel only when asked", async () => {
    const { hookPath } = await run("users c1=straberry public");
    expect((await e2e.capture.postTo(hookPath)).response_type).toBe("in_channel");
  });
});

describe("/mybot history", () => {
  it("posts a readable transcript to allow-listed users", async () => {
    const { ack, hookPath } = await run("history 919812345678");
    expect(ack.text).toBe("Looking up…");
    const reply = await e2e.capture.postTo(hookPath);
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
    await e2e.bot.idle();
    expect(e2e.capture.posts.find((p) => p.path === hookPath)).toBeUndefined();
  });

  it("escapes what users typed, so a message cannot ping the channel", async () => {
    await e2e.mybot.admin.appendMessages(ASHA_ID, [
      {
        id: "evil",
        timestamp: Date.now() - 1000,
        sender: "user",
        response: "<!channel> free money <https://evil.example|here>",
      },
    ]);
    const reply = await e2e.capture.postTo((await run("history 919812345678 since 1h")).hookPath);
    const text = JSON.stringify(reply);
    expect(text).not.toContain("<!channel>");
    expect(text).toContain("&lt;!channel&gt; free money &lt;https://evil.example|here&gt;");
  });

  it("answers a transcript whose first message is 3,000+ hostile characters", async () => {
    const start = Date.now() - 60_000;
    await e2e.mybot.putUser("long-first", [
      { timestamp: start, sender: "user", response: `*@here* <!channel> & ${"x".repeat(3500)}` },
      { timestamp: start + 1000, sender: "bot", response: "ok" },
    ]);
    const reply = await e2e.capture.postTo((await run("history long-first public")).hookPath);
    expect(reply.response_type).toBe("in_channel");
    expect(blockKitProblems(reply)).toEqual([]);
    const text = blockTexts(reply).join("\n");
    expect(text).toContain("∗@\u2060here∗ &lt;!channel&gt; &amp; xxx");
    expect(text).toMatch(/x…\n+\*bot\* · /);
  });

  it("tells the user in a sentence when MyBOT does not know the user", async () => {
    const reply = await e2e.capture.postTo((await run("history nobody-at-all")).hookPath);
    expect(reply.text).toBe(
      "MyBOT does not know that user (or this bot). Check the user id: `/mybot users …` lists them.",
    );
  });
});

describe("when MyBOT is slow or failing", () => {
  it("still acknowledges within 3 s with a 10 s delay, then says MyBOT is slow", async () => {
    e2e.mybot.sandbox.faults.set([{ endpoint: "all", type: "latency", latencyMs: 10_000 }]);
    const { ack, ackMs, hookPath } = await run("users c1=straberry");
    expect(ack.text).toBe("Looking up…");
    expect(ackMs).toBeLessThan(3000);
    expect((await e2e.capture.postTo(hookPath)).text).toBe(
      "MyBOT is slow to answer right now; try again in a minute.",
    );
  });

  it("still acknowledges within 3 s with 500s, then says MyBOT is down", async () => {
    e2e.mybot.sandbox.faults.set([{ endpoint: "all", type: "status", status: 500 }]);
    const { ackMs, hookPath } = await run("history 919812345678");
    expect(ackMs).toBeLessThan(3000);
    const reply = await e2e.capture.postTo(hookPath);
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
        captureHost: e2e.capture.host,
        ...options,
      });
      expect((await e2e.bot.fetch(request)).status).toBe(401);
      await e2e.bot.idle();
      expect(e2e.capture.posts.find((p) => p.path === hookPath)).toBeUndefined();
    }
  });

  it("refuses an oversized body and other paths and methods", async () => {
    const big = new Request(URL_, {
      method: "POST",
      body: "x".repeat(20_000),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect((await e2e.bot.fetch(big)).status).toBe(413);
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
    expect((await e2e.bot.fetch(streamed)).status).toBe(413);
    expect(pulled).toBeLessThan(10);
    expect(
      (await e2e.bot.fetch(new Request("http://slack-bot.test/other", { method: "POST" }))).status,
    ).toBe(404);
    expect((await e2e.bot.fetch(new Request(URL_))).status).toBe(405);
  });

  it("never puts the MyBOT key in a reply or a log line", async () => {
    await e2e.bot.idle();
    const everything = JSON.stringify(e2e.capture.posts) + e2e.logs.join("\n");
    expect(e2e.capture.posts.length).toBeGreaterThan(3);
    expect(everything).not.toContain(MYBOT.MYBOT_API_KEY);
  });
});

import { HISTORY_SHAPE_VARIANTS } from "@mybot/sandbox";
/**
 * The user card end to end: found by a phone number, opening its transcript, and what it costs
 * in requests to MyBOT, counted as they leave the app, for each order a server may page in.
 */
import { afterAll, describe, expect, it } from "vitest";
import { blockKitProblems, blockTexts, buttonsOf } from "./block-kit.ts";
import { URL_, useE2E } from "./e2e-app.ts";
import { blockAction } from "./harness.ts";

const e2e = useE2E();
const DAY = 86_400_000;

describe("/mybot user: the card", () => {
  it("finds a user typed as a phone number, shows the card, and opens the transcript from it", async () => {
    const carded = e2e.app({ SLACK_MASK_PII: "true", SLACK_USER_CARD_ATTRIBUTE: "phone" });
    await e2e.mybot.admin.putUser("447700900123", {
      channel: "whatsapp",
      name: "Ravi Rao",
      attributes: { phone: "447700900123", email: "ravi@example.com", plan: "silver" },
      messages: [
        { timestamp: Date.now() - 20 * 86_400_000, sender: "user", response: "long ago" },
        { timestamp: Date.now() - 3_600_000, sender: "user", response: "hello again" },
        { timestamp: Date.now() - 3_500_000, sender: "bot", response: "hi Ravi" },
      ],
    });
    const { ack, hookPath } = await e2e.run("user +44 (7700) 900-123", {}, carded);
    expect(ack.text).toBe("Looking up…");
    const card = await e2e.capture.postTo(hookPath);
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
      { captureHost: e2e.capture.host },
    );
    expect((await carded.fetch(request)).status).toBe(200);
    const transcript = await e2e.capture.postTo(pressed);
    expect(transcript.replace_original).toBe(true);
    expect(transcript.text).toBe("Chat history of 447700900123: all 3 messages");
    await carded.idle();
  });

  it("answers an unknown user with a sentence, and refuses outsiders", async () => {
    const unknown = await e2e.capture.postTo((await e2e.run("user +1 555 0100 999")).hookPath);
    expect(unknown.text).toContain("MyBOT knows no user `15550100999`");
    const { ack } = await e2e.run("user 919812345678", { user: "U0STRANGER", channel: "C0RANDOM" });
    expect(ack.text).toContain("A user card shows personal data");
  });
});

/** The history shapes the card's cost is stated for: the observed one and oldest first, bare. */
const SHAPES = HISTORY_SHAPE_VARIANTS.filter(([label]) =>
  ["the observed shape", "oldest first"].includes(label),
);

describe.each(SHAPES)("the card's requests to MyBOT, serving %s", (_label, shape) => {
  afterAll(() => e2e.mybot.admin.setShape(HISTORY_SHAPE_VARIANTS[0]?.[1] ?? {}));

  /** Opens the card of a user with these messages (times back from now) in a new app. */
  async function cardRequests(id: string, agesMs: number[]) {
    await e2e.mybot.admin.setShape(shape);
    await e2e.mybot.admin.putUser(id, {
      channel: "whatsapp",
      name: null,
      attributes: { phone: id },
      messages: agesMs.map((age, i) => ({
        timestamp: Date.now() - age,
        sender: i % 2 ? "bot" : "user",
        response: `m${i}`,
      })),
    });
    const sent: string[] = [];
    const counting: typeof fetch = (input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      if (url.includes("/bot-api/")) sent.push(new URL(url).pathname.split("/").at(-1) as string);
      return fetch(input, init);
    };
    // A new app, so that its client has learnt no order yet: the first card, the dearest.
    const app = e2e.app({ SLACK_USER_CARD_ATTRIBUTE: "phone" }, { fetch: counting });
    const card = await e2e.capture.postTo((await e2e.run(`user ${id}`, {}, app)).hookPath);
    return { card: blockTexts(card).join("\n"), sent };
  }
  const oldestFirst = shape.order === "oldest-first";

  it("2 for a user who wrote this week: the week and the attribute", async () => {
    const { card, sent } = await cardRequests(
      `4470000${oldestFirst ? 1 : 2}1`,
      Array.from({ length: 30 }, (_, i) => (i + 1) * 3_600_000),
    );
    expect(card).toMatch(/30 messages in the last 7 days/);
    expect(sent.sort()).toEqual(["conversations", "users"]);
  });

  it("3 for a user quiet this week: one read more, of the last 90 days", async () => {
    const { card, sent } = await cardRequests(
      `4470000${oldestFirst ? 1 : 2}2`,
      Array.from({ length: 20 }, (_, i) => 30 * DAY + i * 60_000),
    );
    expect(card).toMatch(/Last message .* · 0 messages in the last 7 days/);
    expect(sent.length).toBe(3);
  });

  it(`${oldestFirst ? 6 : 4} for a quiet user with 250 messages in those 90 days`, async () => {
    // Oldest first without totals, the newest page is found by probing: pages 2, 4 and 3 of 100
    // (a page of 1 over the whole history took about 2·log2(250) = 16).
    const { card, sent } = await cardRequests(
      `4470000${oldestFirst ? 1 : 2}3`,
      Array.from({ length: 250 }, (_, i) => 10 * DAY + i * 3_600_000),
    );
    expect(card).toMatch(/Last message .* · 0 messages in the last 7 days/);
    expect(sent.length).toBe(oldestFirst ? 6 : 4);
  });
});

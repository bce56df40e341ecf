/**
 * Buttons end to end: a transcript paged in place by its signed Older and Newer values, pressed
 * as Slack sends presses (signed `payload=` bodies), on private and on public messages.
 */
import { describe, expect, it } from "vitest";
import { MAX_BODY_BYTES } from "../src/app.ts";
import { decodeButtonValue, encodeButtonValue } from "../src/button-value.ts";
import { blockKitProblems, buttonsOf } from "./block-kit.ts";
import { lines, numbered, range, URL_, useE2E } from "./e2e-app.ts";
import { blockAction, SIGNING_SECRET } from "./harness.ts";

const e2e = useE2E();
const press: typeof e2e.press = (...args) => e2e.press(...args);

describe("buttons: a transcript paged in place", () => {
  it("history, then Older, Older and Newer, each page replacing the last through its own response_url", async () => {
    const id = "pressed-user";
    const start = Date.now() - 3_600_000;
    await e2e.mybot.putUser(id, numbered(45, start));
    const first = await e2e.capture.postTo((await e2e.run(`history ${id}`)).hookPath);
    expect(lines(first)).toEqual(range(25, 45));
    expect(buttonsOf(first).map((b) => b.text)).toEqual(["◀ Older"]);
    expect(blockKitProblems(first)).toEqual([]);

    // A message arriving meanwhile cannot shift the pages: the window's end is pinned.
    await e2e.addMessages(id, [{ timestamp: Date.now() - 1, sender: "user", response: "line 99" }]);
    const older = await press(first, "mybot_older");
    expect(older.response.status).toBe(200);
    expect(older.ackBody).toBe("");
    const second = await e2e.capture.postTo(older.hookPath);
    expect(second.replace_original).toBe(true);
    expect(lines(second)).toEqual(range(5, 25));
    expect(buttonsOf(second).map((b) => b.text)).toEqual(["◀ Older", "Newer ▶"]);

    const third = await e2e.capture.postTo((await press(second, "mybot_older")).hookPath);
    expect(lines(third)).toEqual(range(0, 5));
    expect(buttonsOf(third).map((b) => b.text)).toEqual(["Newer ▶"]);
    expect(blockKitProblems(third)).toEqual([]);

    const back = await e2e.capture.postTo((await press(third, "mybot_newer")).hookPath);
    expect(back.replace_original).toBe(true);
    expect(lines(back)).toEqual(range(5, 25));
  });

  it("refuses a tampered value and an outsider's press with a sentence, leaving the page as it is", async () => {
    const page = await e2e.capture.postTo((await e2e.run("history pressed-user limit 3")).hookPath);
    const tampered = await press(page, "mybot_older", {
      value: (v) => v.replace("|2|", "|9|"),
    });
    expect(tampered.response.status).toBe(200);
    const told = await e2e.capture.postTo(tampered.hookPath);
    expect(told.replace_original).toBe(false);
    expect(told.text).toContain("This button's value was changed on the way");

    const outsider = await press(page, "mybot_older", {
      user: "U0STRANGER",
      channel: "C0RANDOM",
    });
    const refused = await e2e.capture.postTo(outsider.hookPath);
    expect(refused.replace_original).toBe(false);
    expect(refused.text).toContain("only allow-listed people and channels");

    const junk = await press(page, "mybot_older", { value: () => "{not a value" });
    expect((await e2e.capture.postTo(junk.hookPath)).text).toContain("could not be read");
    expect(JSON.stringify(e2e.capture.posts)).not.toMatch(/\n\s+at |Error:/);
  });

  it("says so when the user of a transcript no longer exists", async () => {
    // The sandbox cannot delete a user: a genuine value for an id MyBOT does not know is the same.
    const value = (await encodeButtonValue(SIGNING_SECRET, {
      channelUserId: "deleted-since",
      until: Date.now(),
      page: 2,
      limit: 20,
      public: false,
      channelId: "C0SUPPORT",
    })) as string;
    const { request, hookPath } = await blockAction(
      URL_,
      { actionId: "mybot_older", value },
      { captureHost: e2e.capture.host },
    );
    expect((await e2e.bot.fetch(request)).status).toBe(200);
    expect((await e2e.capture.postTo(hookPath)).text).toBe(
      "MyBOT no longer knows this user (deleted since?), so there is no transcript to show.",
    );
  });

  it("pages a public transcript, whose press carries the whole message (far past 16 KiB)", async () => {
    // Long messages, some in a 3-byte script, fill the transcript to Slack's 50 blocks.
    const start = Date.now() - 3_600_000;
    await e2e.mybot.putUser(
      "public-long",
      range(0, 60).map((i) => ({
        timestamp: start + i * 1000,
        sender: i % 2 ? "bot" : "user",
        response: `line ${String(i).padStart(2, "0")} ${(i % 3 ? "x" : "क").repeat(2_900)}`,
      })),
    );
    const first = await e2e.capture.postTo(
      (await e2e.run("history public-long limit 50 public")).hookPath,
    );
    expect(first.response_type).toBe("in_channel");
    expect(blockKitProblems(first)).toEqual([]);
    expect(first.blocks?.length).toBeGreaterThan(45);

    const older = await press(first, "mybot_older", { onPublicMessage: true });
    expect(older.bytes).toBeGreaterThan(MAX_BODY_BYTES * 10);
    expect(older.response.status).toBe(200);
    expect(older.ackBody).toBe("");
    const second = await e2e.capture.postTo(older.hookPath);
    expect(second.replace_original).toBe(true);
    expect(second.response_type).toBe("in_channel");
    expect(lines(second)).toEqual(range(0, 10));
  });

  it("still refuses a press body past its own limit, and a command body past 16 KiB", async () => {
    const oversized = async (body: string) => {
      const request = new Request(URL_, {
        method: "POST",
        body,
        headers: { "content-type": "application/x-www-form-urlencoded" },
      });
      return (await e2e.bot.fetch(request)).status;
    };
    expect(await oversized(`payload=${"x".repeat(2 * 1024 * 1024)}`)).toBe(413);
    expect(await oversized(`command=%2Fmybot&text=${"x".repeat(MAX_BODY_BYTES)}`)).toBe(413);
  });

  it("refuses a value pressed in another channel than its command's, with a sentence", async () => {
    const page = await e2e.capture.postTo((await e2e.run("history pressed-user limit 3")).hookPath);
    const elsewhere = await press(page, "mybot_older", { channel: "C0ELSEWHERE" });
    const told = await e2e.capture.postTo(elsewhere.hookPath);
    expect(told.replace_original).toBe(false);
    expect(told.text).toContain("This button's value was changed on the way");
    expect(lines(told)).toEqual([]);
  });

  it("shows a public value's page privately once an admin has turned `public` off", async () => {
    const page = await e2e.capture.postTo(
      (await e2e.run("history pressed-user limit 3 public")).hookPath,
    );
    expect(page.response_type).toBe("in_channel");
    const privateOnly = e2e.app({ SLACK_ALLOW_IN_CHANNEL: "false" });
    const pressed = await press(page, "mybot_older", { onPublicMessage: true, app: privateOnly });
    const shown = await e2e.capture.postTo(pressed.hookPath);
    // A new message for the presser alone: replacing the public one would keep it in the channel.
    expect(shown.response_type).toBe("ephemeral");
    expect(shown.replace_original).toBe(false);
    expect(lines(shown).length).toBe(3);
    // Its own buttons are private ones, so paging on cannot post in the channel either.
    for (const button of buttonsOf(shown)) {
      const decoded = await decodeButtonValue(
        SIGNING_SECRET,
        button.value,
        Date.now(),
        "C0SUPPORT",
      );
      expect(decoded).toMatchObject({ target: { public: false, channelId: "C0SUPPORT" } });
    }
  });

  it("points Newer at a page with messages from a typed page past the end", async () => {
    // The observed shape sends no totals: Newer goes to the newest page, not to page 8.
    const past = await e2e.capture.postTo((await e2e.run("history pressed-user page 9")).hookPath);
    expect(past.text).toMatch(/^No messages for pressed-user on page 9/);
    expect(buttonsOf(past).map((b) => b.text)).toEqual(["Newer ▶"]);
    const back = await e2e.capture.postTo((await press(past, "mybot_newer")).hookPath);
    expect(back.text).toMatch(/^Chat history of pressed-user: the latest 20 messages/);
  });
});

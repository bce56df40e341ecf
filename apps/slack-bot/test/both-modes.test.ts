/**
 * Issue 13's promise, "both modes pass the same end-to-end suite on Node 20, Node 24, Bun and
 * Deno": the app started as its users start it, once per runtime × transport, against one
 * sandbox and one response_url capture. The shared cases go through `send(kind, payload)`
 * (transports.ts), so HTTP and Socket Mode answer exactly the same things; what only one
 * transport has (signatures; refresh, drops, lost acks, a refused token) follows in its own
 * describe block, on every runtime too.
 */
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blockTexts, buttonsOf } from "./block-kit.ts";
import { CARD, lines, PAGER, range, seedBothModes } from "./both-modes-data.ts";
import { httpOnly, socketOnly } from "./both-modes-specific.ts";
import { blockActionPayload, botEnv, slashPayload, startCapture, startMyBot } from "./harness.ts";
import { RUNTIMES } from "./runtimes.ts";
import { type RunningApp, startApp, TRANSPORTS } from "./transports.ts";

let mybot: Awaited<ReturnType<typeof startMyBot>>;
let capture: Awaited<ReturnType<typeof startCapture>>;

beforeAll(async () => {
  [mybot, capture] = await Promise.all([startMyBot(), startCapture()]);
  await seedBothModes(mybot);
});
afterAll(async () => {
  await Promise.all([mybot?.close(), capture?.close()]);
});

const OUTSIDER = { user: "U0STRANGER", channel: "C0RANDOM" };

describe("the runtimes", () => {
  it("each Node row is the version it says; Node 20 has no global WebSocket (so the ws package is used), later ones have one", () => {
    for (const runtime of RUNTIMES.filter((r) => r.nodeMajor)) {
      const [version, socket] = execFileSync(runtime.command, [
        "-p",
        "process.version + ' ' + typeof WebSocket",
      ])
        .toString()
        .trim()
        .split(" ");
      expect(version?.startsWith(`${runtime.nodeMajor}.`), `${runtime.name}: ${version}`).toBe(
        true,
      );
      expect(socket).toBe(runtime.nodeMajor === "v20" ? "undefined" : "function");
    }
  });
});

describe.each(RUNTIMES.map((r) => [r.name, r] as const))("on %s", (_, runtime) => {
  describe.each(TRANSPORTS)("in %s", (transport) => {
    let running: RunningApp;
    beforeAll(async () => {
      running = await startApp(transport, runtime, {
        ...botEnv(mybot.url, capture.host),
        SLACK_USER_CARD_ATTRIBUTE: "phone",
      });
    });
    afterAll(() => running?.stop());

    const opts = (over: { user?: string; channel?: string } = {}) => ({
      captureHost: capture.host,
      ...over,
    });
    async function command(text: string, over?: { user?: string; channel?: string }) {
      const { payload, hookPath } = slashPayload(text, opts(over));
      return { ...(await running.send("slash_commands", payload)), hookPath };
    }
    async function press(
      reply: { blocks?: unknown[] },
      actionId: string,
      over: { user?: string; channel?: string; value?: (v: string) => string } = {},
    ) {
      const button = buttonsOf(reply).find((b) => b.id === actionId);
      if (!button) throw new Error(`no ${actionId} button in ${JSON.stringify(reply.blocks)}`);
      const value = over.value ? over.value(button.value) : button.value;
      const { payload, hookPath } = blockActionPayload({ actionId, value }, opts(over));
      const sent = await running.send("interactive", payload);
      return { ...sent, posted: await capture.postTo(hookPath) };
    }

    it("acknowledges a users command with Looking up…, then posts the users", async () => {
      const { ack, hookPath } = await command("users c1=straberry");
      expect(ack).toMatchObject({ response_type: "ephemeral", text: "Looking up…" });
      expect((await capture.postTo(hookPath)).text).toBe("1 user with c1=straberry");
    });

    it("shows history latest first; Older then Newer replace the page in place", async () => {
      const first = await capture.postTo((await command(`history ${PAGER}`)).hookPath);
      expect(lines(first)).toEqual(range(25, 45));
      expect(buttonsOf(first).map((b) => b.id)).toEqual(["mybot_older"]);
      const older = await press(first, "mybot_older");
      expect(older.ack).toBeUndefined();
      expect(older.posted.replace_original).toBe(true);
      expect(lines(older.posted)).toEqual(range(5, 25));
      expect(buttonsOf(older.posted).map((b) => b.id)).toEqual(["mybot_older", "mybot_newer"]);
      const newer = await press(older.posted, "mybot_newer");
      expect(newer.posted.replace_original).toBe(true);
      expect(lines(newer.posted)).toEqual(range(25, 45));
    });

    it("answers a tampered button value and an outsider's press with a sentence", async () => {
      const page = await capture.postTo((await command(`history ${PAGER} limit 3`)).hookPath);
      // The id is the value's last field: one character more and the MAC no longer fits.
      const tampered = await press(page, "mybot_older", { value: (v) => `${v}0` });
      expect(tampered.posted.replace_original).toBe(false);
      expect(tampered.posted.text).toContain("This button's value was changed on the way");
      const outsider = await press(page, "mybot_older", OUTSIDER);
      expect(outsider.posted.replace_original).toBe(false);
      expect(outsider.posted.text).toContain("only allow-listed people and channels");
      expect(JSON.stringify([tampered.posted, outsider.posted])).not.toMatch(/\n\s+at |Error:/);
    });

    it("answers a mistake with a usage line, looking nothing up", async () => {
      const { ack } = await command(`history ${PAGER} limit 999`);
      expect(ack?.text).toContain("limit must be a whole number from 1 to 100");
      expect(ack?.text).toContain("usage:");
    });

    it("shows the user card for a +91 phone number, and its Show transcript button", async () => {
      const { ack, hookPath } = await command("user +91 98765 00001");
      expect(ack?.text).toBe("Looking up…");
      const card = await capture.postTo(hookPath);
      const text = blockTexts(card).join("\n");
      expect(text).toContain(`\`${CARD}\``);
      expect(text).toContain("Meera Iyer");
      const shown = await press(card, "mybot_transcript");
      expect(shown.ack).toBeUndefined();
      expect(shown.posted.replace_original).toBe(true);
      expect(shown.posted.text).toBe(`Chat history of ${CARD}: all 2 messages`);
    });

    it("acknowledges within 3 s while MyBOT fails, then posts the error sentence", async () => {
      mybot.sandbox.faults.set([{ endpoint: "all", type: "status", status: 500 }]);
      try {
        const { ack, ackMs, hookPath } = await command("users c1=straberry");
        expect(ackMs).toBeLessThan(3000);
        expect(ack?.text).toBe("Looking up…");
        expect((await capture.postTo(hookPath)).text).toBe(
          "MyBOT is down or unreachable right now; try again in a few minutes.",
        );
      } finally {
        mybot.sandbox.faults.clear();
      }
    });

    // Registered only for their transport, so that the report holds no skipped rows.
    if (transport === "HTTP")
      describe("HTTP only", () => {
        httpOnly(() => ({ running, capture }));
      });
    else
      describe("Socket Mode only", () => {
        socketOnly(() => ({ running, capture, runtime, env: botEnv(mybot.url, capture.host) }));
      });
  });
});

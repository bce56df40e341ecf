import type { ChatMessage } from "@mybot/core";
import { describe, expect, it } from "vitest";
import { applyMessages, newUser } from "./apply.ts";
import { readFromCursor } from "./cursor.ts";
import { emptyCohort } from "./state.ts";

const m = (id: string, t: number, sender: string): ChatMessage => ({
  id,
  timestamp: t,
  sender,
  type: "TEXT",
  text: "",
  raw: {},
});
const MIN = 60_000;

/** A new cohort and user, with these messages applied to them in one read. */
function appliedOnce(messages: ChatMessage[], gapMs: number) {
  const cohort = emptyCohort();
  const user = newUser();
  applyMessages(cohort, user, messages, gapMs);
  return { cohort, user };
}

describe("applyMessages", () => {
  it("counts by sender, splits conversations by the gap, and measures bot answers", () => {
    const { cohort, user } = appliedOnce(
      [
        m("1", 0, "user"),
        m("2", 1500, "bot"),
        m("3", 5000, "user"),
        m("4", 8000, "user"),
        m("5", 9000, "bot"),
        m("6", 60 * MIN, "user"),
        m("7", 61 * MIN, "agent"),
      ],
      30 * MIN,
    );
    expect(cohort.messages).toEqual({ user: 4, bot: 2, agent: 1 });
    expect(cohort.conversations).toBe(2);
    // 1.5 s, and 4 s from the first unanswered message of a burst.
    expect(cohort.latency.count).toBe(2);
    expect(cohort.latency.sum).toBeCloseTo(5.5);
    expect(cohort.latency.buckets.slice(0, 4)).toEqual([0, 0, 1, 1]);
    expect(user.lastUserMessageAt).toBe(60 * MIN);
    expect(cohort.lastMessageAt).toEqual({ user: 60 * MIN, bot: 9000, agent: 61 * MIN });
  });

  it("skips what it already applied at the cursor, so reading from the cursor again counts nothing twice", () => {
    const cohort = emptyCohort();
    const user = newUser();
    const first = [m("a", 10, "user"), m("b", 20, "bot"), m("c", 20, "user")];
    expect(applyMessages(cohort, user, first, MIN)).toBe(3);
    expect(user).toMatchObject({ cursor: 20, idsAtCursor: ["b", "c"] });
    // The next read starts at the cursor, inclusive: b and c come back, d is new at the same ms.
    expect(
      applyMessages(
        cohort,
        user,
        [m("b", 20, "bot"), m("c", 20, "user"), m("d", 20, "bot"), m("e", 30, "user")],
        MIN,
      ),
    ).toBe(2);
    expect(cohort.messages).toEqual({ user: 3, bot: 2, agent: 0 });
    expect(user).toMatchObject({ cursor: 30, idsAtCursor: ["e"] });
  });

  it("counts a sender other than bot or agent as the user's, and an agent joining as the agent's", () => {
    const { cohort } = appliedOnce(
      [m("1", 0, "unknown"), m("2", 10, "visitor"), m("3", 20, "agent"), m("4", 30, "bot")],
      MIN,
    );
    expect(cohort.messages).toEqual({ user: 2, bot: 1, agent: 1 });
    // The agent took over: the bot's later message is not an answer to the user's.
    expect(cohort.latency.count).toBe(0);
  });

  it("counts identical messages at one instant once each, however the reads split them", () => {
    // No vendor ids: identical content at one ms gets one fingerprint, numbered within a page only.
    const fp = "fp-00112233445566aa";
    const cohort = emptyCohort();
    const user = newUser();
    // First read: the pair is split by a page boundary, so both chunks carry the bare fingerprint.
    const read = readFromCursor(user);
    expect(applyMessages(cohort, user, [m("a", 10, "user"), m(fp, 20, "user")], MIN, read)).toBe(2);
    expect(applyMessages(cohort, user, [m(fp, 20, "user")], MIN, read)).toBe(1);
    // The next read from the cursor sees them in one page, numbered: nothing is new.
    expect(applyMessages(cohort, user, [m(fp, 20, "user"), m(`${fp}-2`, 20, "user")], MIN)).toBe(0);
    // A third identical one at that instant is new.
    expect(
      applyMessages(
        cohort,
        user,
        [m(fp, 20, "user"), m(`${fp}-2`, 20, "user"), m(`${fp}-3`, 20, "user")],
        MIN,
      ),
    ).toBe(1);
    expect(cohort.messages.user).toBe(4);
  });
});

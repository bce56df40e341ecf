import type { ChatMessage } from "@mybot/core";
import { prng } from "@mybot/test-kit";
import { describe, expect, it } from "vitest";
import { newUser } from "./apply.ts";
import { boundaryKey, readFromCursor } from "./cursor.ts";

const message = (id: string, timestamp: number): ChatMessage => ({
  id,
  timestamp,
  sender: "user",
  type: "TEXT",
  text: "",
  raw: {},
});

describe("boundaryKey", () => {
  it("drops only the page-local number of a fingerprint", () => {
    expect(boundaryKey("fp-0123456789abcdef-2")).toBe("fp-0123456789abcdef");
    expect(boundaryKey("fp-0123456789abcdef")).toBe("fp-0123456789abcdef");
    expect(boundaryKey("m-2")).toBe("m-2");
    expect(boundaryKey("fp-short-2")).toBe("fp-short-2");
  });
});

describe("readFromCursor", () => {
  /** A read of a user whose cursor is at 20, where "b" has been applied already. */
  const readFromB = () => {
    const user = { ...newUser(), cursor: 20, idsAtCursor: ["b"] };
    const read = readFromCursor(user);
    // What the read admits of these messages, offered in this order.
    const admits = (...messages: [id: string, timestamp: number][]) =>
      messages.map(([id, timestamp]) => read.admit(message(id, timestamp)));
    return { user, admits };
  };

  it("admits what is past the cursor, and at the cursor only what was not applied", () => {
    const { user, admits } = readFromB();
    expect(admits(["a", 10], ["b", 20], ["c", 20])).toEqual([false, false, true]);
    expect(user).toMatchObject({ cursor: 20, idsAtCursor: ["b", "c"] });
    expect(admits(["d", 30])).toEqual([true]);
    expect(user).toMatchObject({ cursor: 30, idsAtCursor: ["d"] });
  });

  it("judges a message at the read's starting instant by that instant, even after the cursor moved", () => {
    // A server whose order wobbles within a read: b and e come after d.
    const { user, admits } = readFromB();
    expect(admits(["d", 30], ["b", 20], ["e", 20], ["c", 25])).toEqual([true, false, true, true]);
    expect(user).toMatchObject({ cursor: 30, idsAtCursor: ["d"] });
  });

  // Polls over a growing history, each read cut into chunks at random and sometimes interrupted
  // (a crash after a chunk: the state saved then is the state kept), with and without vendor ids.
  it.each([
    ["vendor ids", true],
    ["fingerprints", false],
  ])("counts every message exactly once across polls and interruptions (%s)", (_, vendorIds) => {
    for (let seed = 1; seed <= 200; seed++) {
      const rand = prng(seed);
      const history: { ts: number; content: string; id: string }[] = [];
      let ts = 1000;
      for (let i = 0; i < 60; i++) {
        if (rand() < 0.6) ts += Math.floor(rand() * 3);
        // Few contents, so identical messages at one instant are common.
        history.push({ ts, content: String(Math.floor(rand() * 3)), id: `v${i}` });
      }
      const user = newUser();
      let counted = 0;
      let visible = 0;
      const poll = (interruptAfter: number) => {
        const read = readFromCursor(user);
        const from = user.cursor ?? Number.NEGATIVE_INFINITY;
        const window = history.slice(0, visible).filter((m) => m.ts >= from);
        // The server's order of ties is its own: shuffle within each instant.
        window.sort((a, b) => a.ts - b.ts || rand() - 0.5);
        let chunks = 0;
        for (let at = 0; at < window.length; ) {
          const size = 1 + Math.floor(rand() * 4);
          const chunk = window.slice(at, at + size);
          at += size;
          // The core numbers identical fingerprints within a page only.
          const repeats = new Map<string, number>();
          for (const m of chunk) {
            const fp = `fp-${m.ts.toString(16).padStart(8, "0")}0000000${m.content}`;
            const n = (repeats.get(fp) ?? 0) + 1;
            repeats.set(fp, n);
            const id = vendorIds ? m.id : n === 1 ? fp : `${fp}-${n}`;
            if (read.admit(message(id, m.ts))) counted++;
          }
          if (++chunks >= interruptAfter) return;
        }
      };
      while (visible < history.length) {
        visible = Math.min(history.length, visible + 1 + Math.floor(rand() * 12));
        poll(rand() < 0.3 ? 1 + Math.floor(rand() * 3) : Number.POSITIVE_INFINITY);
      }
      poll(Number.POSITIVE_INFINITY);
      expect(counted, `seed ${seed}`).toBe(history.length);
    }
  });
});

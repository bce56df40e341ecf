import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { IndexedHeap } from "./indexed-heap.ts";
import { readInterval } from "./read-policy.ts";
import { ReadSchedule } from "./read-schedule.ts";

const HOUR = 3_600_000;
const policy = { maxStalenessMs: HOUR, minIntervalMs: 30_000 };

/** A schedule whose users were all added at 0 and handed out at 0, in that order. */
function allTakenAtZero(...keys: string[]): ReadSchedule {
  const schedule = new ReadSchedule(policy);
  for (const key of keys) schedule.add(key, 0);
  expect(keys.map(() => schedule.take(0))).toEqual(keys);
  return schedule;
}

describe("read interval", () => {
  it("grows with the silence, between min_read_interval and max_staleness less its slack", () => {
    const now = 10 * HOUR;
    expect(readInterval(policy, now, now - 60_000)).toBe(30_000);
    expect(readInterval(policy, now, now - 20 * 60_000)).toBe(5 * 60_000);
    expect(readInterval(policy, now, now - 24 * HOUR)).toBe(0.9 * HOUR);
    expect(readInterval(policy, now, undefined)).toBe(0.9 * HOUR);
    expect(readInterval(policy, now, now + HOUR)).toBe(30_000);
  });
});

describe("indexed heap", () => {
  it("pops in key order through any mix of sets and deletes", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(50), fc.option(fc.integer({ min: -1000, max: 1000 }))), {
          maxLength: 300,
        }),
        (ops) => {
          const heap = new IndexedHeap();
          const model = new Map<number, number>();
          for (const [slot, key] of ops) {
            if (key === null) {
              heap.delete(slot);
              model.delete(slot);
            } else {
              heap.set(slot, key);
              model.set(slot, key);
            }
          }
          const expected = [...model].sort(([a, ka], [b, kb]) => ka - kb || a - b).map(([s]) => s);
          const popped: number[] = [];
          while (heap.size > 0) {
            const slot = heap.peek();
            popped.push(slot);
            heap.delete(slot);
          }
          expect(popped).toEqual(expected);
        },
      ),
    );
  });
});

describe("read schedule", () => {
  it("hands out new users at once, in the order added, and each only once", () => {
    const schedule = new ReadSchedule(policy);
    for (const key of ["a", "b", "c"]) schedule.add(key, 1_000);
    expect(schedule.add("a", 2_000)).toBe(false);
    expect([schedule.take(1_000), schedule.take(1_000), schedule.take(1_000)]).toEqual([
      "a",
      "b",
      "c",
    ]);
    expect(schedule.take(1_000)).toBeUndefined();
    expect(schedule.inFlight).toBe(3);
    expect(schedule.nextAt()).toBeUndefined();
  });

  it("reads a user who just wrote sooner than an idle one, and the most overdue first", () => {
    const schedule = allTakenAtZero("idle", "chatty");
    schedule.done("idle", 0, undefined);
    schedule.done("chatty", 0, -120_000);
    expect(schedule.nextAt()).toBe(30_000);
    expect(schedule.take(29_999)).toBeUndefined();
    schedule.add("new", 40_000);
    // chatty has been due since 30 000, new only since 40 000.
    expect(schedule.take(50_000)).toBe("chatty");
    expect(schedule.take(50_000)).toBe("new");
    expect(schedule.take(0.9 * HOUR - 1)).toBeUndefined();
    expect(schedule.take(0.9 * HOUR)).toBe("idle");
    // Taken at 50 000 is not read: failing now, chatty keeps the deadline of its read at 0.
    schedule.failed("chatty", 50_000);
    schedule.done("new", 50_000, 50_000);
    expect(schedule.take(0.95 * HOUR - 1)).toBe("new");
    schedule.done("new", 50_000, 50_000);
    expect(schedule.take(0.95 * HOUR)).toBe("chatty");
  });

  it("puts a user near max_staleness ahead of one long overdue for news", () => {
    const schedule = new ReadSchedule(policy);
    schedule.add("idle", 0);
    schedule.take(0);
    schedule.done("idle", 0, undefined);
    schedule.add("chatty", 600_000);
    schedule.take(600_000);
    schedule.done("chatty", 600_000, 600_000);
    // Both merely due: the longer overdue goes first.
    expect(schedule.take(0.9 * HOUR)).toBe("chatty");
    schedule.done("chatty", 600_000, 600_000);
    expect(schedule.lagMs(0.95 * HOUR)).toBe(0.95 * HOUR - 630_000);
    // At 0.95 h idle must go first to stay within the hour, though chatty is due since 630 s.
    expect(schedule.take(0.95 * HOUR - 1)).toBe("chatty");
    schedule.done("chatty", 600_000, 600_000);
    expect(schedule.take(0.95 * HOUR)).toBe("idle");
    expect(schedule.take(0.95 * HOUR)).toBe("chatty");
  });

  it("tries a failed read again a minute later, then backs off up to the longest interval", () => {
    const schedule = allTakenAtZero("u");
    schedule.failed("u", 5_000);
    expect(schedule.nextAt()).toBe(65_000);
    const retries: number[] = [];
    for (let at = 65_000; retries.length < 8; ) {
      expect(schedule.take(at)).toBe("u");
      schedule.failed("u", at);
      const next = schedule.nextAt() as number;
      retries.push(next - at);
      at = next;
    }
    // A failure is no read: the fifth retry is held to the deadline from the add (0.95 h), not
    // one from any failure; past it, back-off only.
    expect(retries).toEqual([
      120_000,
      240_000,
      480_000,
      960_000,
      0.95 * HOUR - 1_865_000,
      0.9 * HOUR,
      0.9 * HOUR,
      0.9 * HOUR,
    ]);
    schedule.take(schedule.nextAt() as number);
    schedule.done("u", 10 * HOUR, undefined);
    schedule.take(10.9 * HOUR);
    schedule.failed("u", 10.9 * HOUR);
    expect(schedule.nextAt()).toBe(10.9 * HOUR + 60_000);
  });

  it("retries a failing user only when due, never ahead of a user near max_staleness", () => {
    const schedule = allTakenAtZero("healthy", "failing");
    schedule.done("failing", 0, undefined);
    schedule.done("healthy", 0.5 * HOUR, undefined);
    // At its deadline (last read + 0.95 h) the read fails: retried when due, with no deadline.
    expect(schedule.take(0.95 * HOUR)).toBe("failing");
    schedule.failed("failing", 0.95 * HOUR);
    expect(schedule.nextAt()).toBe(0.95 * HOUR + 60_000);
    // Healthy at its own deadline goes first, though failing has been due for half an hour.
    expect(schedule.take(1.45 * HOUR)).toBe("healthy");
    expect(schedule.take(1.45 * HOUR)).toBe("failing");
  });

  it("forgets a removed user, and hands one removed mid-read out again only after that read", () => {
    const schedule = new ReadSchedule(policy);
    schedule.add("u", 0);
    schedule.add("v", 0);
    schedule.take(0);
    schedule.remove("u");
    schedule.remove("v");
    expect(schedule).toMatchObject({ size: 0, inFlight: 1 });
    schedule.done("u", 0, 0);
    expect(schedule.inFlight).toBe(0);
    schedule.add("u", 10);
    schedule.done("u", 10, 0);
    expect(schedule.take(10)).toBe("u");
    // Removed while being read, listed again before that read ends: not read twice at once.
    schedule.remove("u");
    expect(schedule.add("u", 20)).toBe(true);
    expect(schedule.has("u")).toBe(true);
    expect(schedule.take(20)).toBeUndefined();
    expect(schedule.takeKey("u")).toBe(false);
    schedule.done("u", 10, 0);
    expect(schedule.inFlight).toBe(0);
    expect(schedule.take(30_010)).toBe("u");
    schedule.remove("u");
    schedule.failed("u", 40_000);
    expect(schedule).toMatchObject({ size: 0, inFlight: 0 });
    expect(schedule.add("u", 40_000)).toBe(true);
    expect(schedule.take(40_000)).toBe("u");
    expect(schedule).toMatchObject({ size: 1, inFlight: 1 });
    expect(schedule.has("u")).toBe(true);
  });

  it("takes a given user out, due or not, and seeds a read made before a restart", () => {
    const schedule = new ReadSchedule(policy);
    schedule.add("idle", 0);
    schedule.add("busy", 0);
    expect(schedule.takeKey("busy")).toBe(true);
    expect(schedule.takeKey("busy")).toBe(false);
    expect(schedule.takeKey("nobody")).toBe(false);
    // Seeded: read at 0, silent for an hour before it: due a quarter hour on, not at once.
    schedule.done("busy", 0, -HOUR);
    expect(schedule.takeKey("idle")).toBe(true);
    schedule.done("idle", 0, undefined);
    expect(schedule.take(0.2 * HOUR)).toBeUndefined();
    expect(schedule.nextAt()).toBe(0.25 * HOUR);
    // The seed's read at 0, not the takeKey, set busy's turn: a quarter of the hour's silence.
    expect(schedule.take(0.25 * HOUR)).toBe("busy");
  });
});

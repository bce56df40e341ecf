import { describe, expect, it } from "vitest";
import { CohortMembers, splitKey, userKey } from "./cohort-members.ts";
import { ReadSchedule } from "./read-schedule.ts";
import { CohortIndex } from "./user-index.ts";

const HOUR = 3_600_000;
const policy = { maxStalenessMs: HOUR, minIntervalMs: 30_000 };
const user = (lastReadAt: number | null, left = false) => ({
  lastMessageAt: null,
  lastReadAt,
  lastUserMessageAt: null,
  left,
});

describe("cohort members", () => {
  it("seeds the schedule from the state: users read before wait their turn, the others are due", () => {
    const index = new CohortIndex();
    index.set("read", user(0));
    index.set("never", user(null));
    index.set("gone", user(0, true));
    const schedule = new ReadSchedule(policy);
    const members = new CohortMembers(schedule);
    members.seed("gold", index, 60_000);
    expect(schedule.size).toBe(2);
    expect(members.awaiting).toBe(1);
    expect(schedule.take(60_000)).toBe(userKey("gold", "never"));
    expect(schedule.take(60_000)).toBeUndefined();
    expect(schedule.nextAt()).toBe(0.9 * HOUR);
  });

  it("follows the listings: joiners are due at once, leavers leave the schedule", () => {
    const schedule = new ReadSchedule(policy);
    const members = new CohortMembers(schedule);
    expect(members.list("gold", ["a", "b"], 0)).toEqual({ joined: 2, left: 0 });
    expect(members.awaiting).toBe(2);
    expect(members.attempted("gold", "a", false)).toBe(true);
    expect(members.attempted("gold", "a", false)).toBe(false);
    expect(members.failingIn("gold")).toBe(1);
    expect(members.list("gold", ["b", "c"], 10)).toEqual({ joined: 1, left: 1 });
    expect(members.failingIn("gold")).toBe(0);
    expect(members.awaitingIn("gold")).toBe(2);
    expect(schedule.has(userKey("gold", "a"))).toBe(false);
    expect(members.keys(new Set(["gold"])).map(splitKey)).toEqual([
      ["gold", "b"],
      ["gold", "c"],
    ]);
    expect(members.keys(new Set(["silver"]))).toEqual([]);
  });
});

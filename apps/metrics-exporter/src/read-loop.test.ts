import { describe, expect, it } from "vitest";
import { FakeClock } from "./fake-clock.ts";
import { runReadLoop } from "./read-loop.ts";
import { ReadSchedule } from "./read-schedule.ts";
import { createRequestBudget } from "./request-budget.ts";

const HOUR = 3_600_000;
const MESSAGE_EVERY_MS = 120_000;

/**
 * Hours of virtual time: `users` users, the first `active` of which write every two minutes (each
 * at its own phase, and since before the start), the rest never; one request per read, at `rate`
 * a second. The last `failing` users' reads always fail (a 404, say), after spending their request.
 */
async function simulate(o: {
  users: number;
  active: number;
  rate: number;
  hours: number;
  failing?: number;
}) {
  const healthy = o.users - (o.failing ?? 0);
  const clock = new FakeClock();
  const budget = createRequestBudget({ requestsPerSecond: o.rate, clock });
  const schedule = new ReadSchedule({ maxStalenessMs: HOUR, minIntervalMs: 30_000 });
  const reads = new Map<string, number[]>();
  const grants: number[] = [];
  let failedRequests = 0;
  for (let i = 0; i < o.users; i++) {
    schedule.add(String(i), 0);
    reads.set(String(i), []);
  }
  const newestMessage = (i: number, now: number) => {
    if (i >= o.active) return undefined;
    const phase = (i * 7_919) % MESSAGE_EVERY_MS;
    // Writing since before the start: the first read already sees a recent message.
    return now - ((now - phase + MESSAGE_EVERY_MS) % MESSAGE_EVERY_MS);
  };
  const controller = new AbortController();
  const loop = runReadLoop({
    schedule,
    budget,
    clock,
    concurrency: 4,
    signal: controller.signal,
    async read(key, signal) {
      const at = await budget.acquire(signal);
      grants.push(at);
      if (Number(key) >= healthy) {
        failedRequests++;
        throw new Error("404: no such user");
      }
      reads.get(key)?.push(at);
      return newestMessage(Number(key), at);
    },
  });
  const end = o.hours * HOUR;
  await clock.runUntil(end);
  controller.abort();
  await clock.advance(0);
  await loop;

  let worstGap = 0;
  for (const times of [...reads.values()].slice(0, healthy))
    for (const [i, t] of [...times, end].entries())
      worstGap = Math.max(worstGap, t - (times[i - 1] ?? 0));
  const perUser = (from: number, to: number) =>
    [...reads.values()].slice(from, to).reduce((sum, t) => sum + t.length, 0) / (to - from);
  // Each active user's message waits for that user's first read at or after it.
  const delays: number[] = [];
  for (let i = 0; i < o.active; i++) {
    const times = reads.get(String(i)) as number[];
    for (let m = (i * 7_919) % MESSAGE_EVERY_MS; m < end - HOUR; m += MESSAGE_EVERY_MS) {
      const read = times.find((t) => t >= m);
      if (read !== undefined) delays.push(read - m);
    }
  }
  delays.sort((a, b) => a - b);
  const bySecond = new Map<number, number>();
  for (const g of grants)
    bySecond.set(Math.floor(g / 1000), (bySecond.get(Math.floor(g / 1000)) ?? 0) + 1);
  return {
    worstGap,
    activeReads: perUser(0, o.active),
    idleReads: perUser(o.active, healthy),
    failedShare: failedRequests / grants.length,
    medianDelay: delays[Math.floor(delays.length / 2)] as number,
    busiestSecond: Math.max(...bySecond.values()),
  };
}

describe("read loop", () => {
  it("reads active users often and every user within max_staleness, within the budget", async () => {
    const result = await simulate({ users: 2_000, active: 100, rate: 5, hours: 3 });
    expect(result.busiestSecond).toBeLessThanOrEqual(5);
    expect(result.worstGap).toBeLessThanOrEqual(HOUR);
    expect(result.activeReads).toBeGreaterThan(20 * result.idleReads);
    expect(result.medianDelay).toBeLessThanOrEqual(60_000);
  });

  it("shares a budget active users alone would exceed, idle users interleaved, not in bursts", async () => {
    // 100 active users would take 100 / 30 s = 3.3 requests a second; idle ones need 0.6.
    const result = await simulate({ users: 2_000, active: 100, rate: 2, hours: 4 });
    expect(result.busiestSecond).toBeLessThanOrEqual(2);
    expect(result.worstGap).toBeLessThanOrEqual(HOUR);
    expect(result.medianDelay).toBeLessThanOrEqual(60_000);
  });

  it("keeps every user within max_staleness when active users ask for far more than the budget", async () => {
    // Active users would take 100 / 30 s = 3.3 requests a second; the budget is 1.
    const result = await simulate({ users: 2_000, active: 100, rate: 1, hours: 3 });
    expect(result.busiestSecond).toBeLessThanOrEqual(1);
    expect(result.worstGap).toBeLessThanOrEqual(HOUR);
    expect(result.activeReads).toBeGreaterThan(result.idleReads);
  });

  it("keeps healthy users within max_staleness while a tenth always fail, backing off", async () => {
    const result = await simulate({ users: 2_000, active: 100, rate: 2, hours: 4, failing: 200 });
    expect(result.busiestSecond).toBeLessThanOrEqual(2);
    expect(result.worstGap).toBeLessThanOrEqual(HOUR);
    expect(result.medianDelay).toBeLessThanOrEqual(60_000);
    // Backed off to a try per longest interval: 200 users then cost 0.06 requests a second, not 3.3.
    expect(result.failedShare).toBeLessThan(0.15);
  });

  it("stops when aborted, without waiting for anyone's turn", async () => {
    const clock = new FakeClock();
    const schedule = new ReadSchedule({ maxStalenessMs: HOUR, minIntervalMs: 30_000 });
    const budget = createRequestBudget({ requestsPerSecond: 0.01, clock });
    schedule.add("a", 0);
    schedule.add("b", 0);
    const controller = new AbortController();
    const failures: unknown[] = [];
    const loop = runReadLoop({
      schedule,
      budget,
      clock,
      concurrency: 2,
      signal: controller.signal,
      read: async (_key, signal) => void (await budget.acquire(signal)),
      onError: (_key, error) => failures.push(error),
    });
    await clock.advance(10_000);
    controller.abort();
    await loop;
    expect(failures).toEqual([]);
    expect(budget.stats().granted).toBe(1);
    expect(schedule.inFlight).toBe(0);
  });
});

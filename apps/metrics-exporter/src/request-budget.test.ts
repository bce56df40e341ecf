import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FakeClock } from "./fake-clock.ts";
import { createRequestBudget, type RequestBudget } from "./request-budget.ts";

/** Starts one acquire per entry of `at` (clock ms) and returns the grant times, in order. */
function requestAt(clock: FakeClock, budget: RequestBudget, at: number[]) {
  const grants: number[] = [];
  const done = at.map((t) =>
    clock.sleep(t).then(() => budget.acquire().then((g) => void grants.push(g))),
  );
  return { grants, done: Promise.all(done) };
}

/** The most grants in any half-open one-second window. */
function busiestSecond(grants: number[]): number {
  const sorted = [...grants].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; j < sorted.length; j++) {
    while ((sorted[j] as number) - (sorted[i] as number) >= 1000) i++;
    most = Math.max(most, j - i + 1);
  }
  return most;
}

describe("request budget", () => {
  it("spaces requests 1/rate apart, the first at once", async () => {
    const clock = new FakeClock();
    const budget = createRequestBudget({ requestsPerSecond: 5, clock });
    const { grants, done } = requestAt(clock, budget, [0, 0, 0, 0, 0, 0]);
    await clock.runUntil(10_000);
    await done;
    expect(grants).toEqual([0, 200, 400, 600, 800, 1000]);
  });

  it("takes a fraction below one as one request every 1/rate seconds", async () => {
    const clock = new FakeClock();
    const budget = createRequestBudget({ requestsPerSecond: 0.5, clock });
    const { grants, done } = requestAt(clock, budget, [0, 0, 0]);
    await clock.runUntil(10_000);
    await done;
    expect(grants).toEqual([0, 2000, 4000]);
  });

  it("never lets a fraction above one burst past its whole part in a second", async () => {
    const clock = new FakeClock();
    const budget = createRequestBudget({ requestsPerSecond: 2.5, clock });
    const { grants, done } = requestAt(clock, budget, [0, 0, 0, 0, 0]);
    await clock.runUntil(10_000);
    await done;
    // 400 ms apart would put 0, 400 and 800 in one second: three is over a budget of 2.5.
    expect(grants).toEqual([0, 400, 1000, 1400, 2000]);
  });

  it("keeps every one-second window within the budget, whatever the rate and the arrivals", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.integer({ min: 1, max: 50 }), fc.double({ min: 0.05, max: 20, noNaN: true })),
        fc.array(fc.integer({ min: 0, max: 5_000 }), { minLength: 1, maxLength: 80 }),
        fc.array(fc.tuple(fc.nat(79), fc.option(fc.integer({ min: 0, max: 20_000 }))), {
          maxLength: 4,
        }),
        async (rate, arrivals, throttles) => {
          const clock = new FakeClock();
          const budget = createRequestBudget({ requestsPerSecond: rate, clock });
          const grants: number[] = [];
          // Some answers are 429s, with or without Retry-After: pauses and cuts must keep the cap too.
          const retryAfter = new Map(throttles.map(([i, ms]) => [i, ms ?? undefined]));
          const done = arrivals.map((t, i) =>
            clock.sleep(t).then(async () => {
              const g = await budget.acquire();
              grants.push(g);
              if (retryAfter.has(i)) budget.throttled(g, retryAfter.get(i));
            }),
          );
          await clock.runUntil(10_000_000);
          await Promise.all(done);
          expect(grants).toHaveLength(arrivals.length);
          expect(busiestSecond(grants)).toBeLessThanOrEqual(Math.max(1, Math.floor(rate)));
          const sorted = [...grants].sort((a, b) => a - b);
          for (let i = 1; i < sorted.length; i++)
            expect((sorted[i] as number) - (sorted[i - 1] as number)).toBeGreaterThanOrEqual(
              1000 / rate - 1e-6,
            );
        },
      ),
      // Seeded with the case that found floating-point rounding, then random ones.
      { numRuns: 300, examples: [[3, [0, 0, 0, 0, 0, 0], []]] },
    );
  });

  it("pauses until Retry-After on a 429, halves the pace, then recovers step by step", async () => {
    const clock = new FakeClock();
    const budget = createRequestBudget({ requestsPerSecond: 4, clock });
    const first = await budget.acquire();
    budget.throttled(first, 10_000);
    expect(budget.stats()).toMatchObject({ throttled: 1, cuts: 1, pausedUntil: 10_000 });
    expect(budget.effectiveRate()).toBe(2);
    const { grants, done } = requestAt(clock, budget, [0, 0, 0]);
    await clock.runUntil(20_000);
    await done;
    expect(grants).toEqual([10_000, 10_500, 11_000]);
    // A tenth of the budget back per 30 s of quiet after the pause, never above the budget.
    await clock.runUntil(10_000 + 30_000);
    expect(budget.effectiveRate()).toBeCloseTo(2.4);
    await clock.runUntil(10_000 + 5 * 30_000);
    expect(budget.effectiveRate()).toBe(4);
    await clock.runUntil(10_000 + 50 * 30_000);
    expect(budget.effectiveRate()).toBe(4);
  });

  it("pauses for a default back-off when a 429 has no Retry-After, and caps a huge one", async () => {
    const clock = new FakeClock();
    const budget = createRequestBudget({ requestsPerSecond: 1, clock, defaultPauseMs: 7_000 });
    budget.throttled(await budget.acquire());
    expect(budget.stats().pausedUntil).toBe(7_000);
    budget.throttled(clock.now() - 1, 10 * 3_600_000);
    expect(budget.stats().pausedUntil).toBe(60_000);
  });

  it("cuts once for the 429s of requests sent before the cut, again for later ones, down to the floor", async () => {
    const clock = new FakeClock();
    const budget = createRequestBudget({ requestsPerSecond: 8, clock, defaultPauseMs: 0 });
    const { grants, done } = requestAt(clock, budget, [0, 0, 0]);
    await clock.runUntil(1000);
    await done;
    for (const g of grants) budget.throttled(g);
    expect(budget.stats().cuts).toBe(1);
    expect(budget.effectiveRate()).toBe(4);
    for (let i = 0; i < 10; i++) {
      const turn = budget.acquire();
      await clock.advance(10_000);
      budget.throttled(await turn);
    }
    expect(budget.stats().cuts).toBe(11);
    expect(budget.effectiveRate()).toBeCloseTo(0.8);
  });

  it("rejects a waiter whose signal aborts, without spending its turn", async () => {
    const clock = new FakeClock();
    const budget = createRequestBudget({ requestsPerSecond: 1, clock });
    await budget.acquire();
    const controller = new AbortController();
    const aborted = budget.acquire(controller.signal);
    const next = budget.acquire();
    await clock.advance(300);
    controller.abort(new Error("stopping"));
    await expect(aborted).rejects.toThrow("stopping");
    await clock.runUntil(5_000);
    // The aborted request's turn at 1000 goes to the one behind it.
    expect(await next).toBe(1000);
    expect(budget.stats()).toMatchObject({ granted: 2, waiting: 0 });
  });

  it("leaves no timer behind when every waiter aborts", async () => {
    const clock = new FakeClock();
    const budget = createRequestBudget({ requestsPerSecond: 0.01, clock });
    await budget.acquire();
    const controller = new AbortController();
    const waits = [budget.acquire(controller.signal), budget.acquire(controller.signal)];
    await clock.advance(10);
    expect(clock.pending).toBe(1);
    controller.abort("stop");
    await expect(Promise.all(waits)).rejects.toBe("stop");
    await clock.advance(0);
    expect(clock.pending).toBe(0);
    await expect(budget.acquire(AbortSignal.abort("late"))).rejects.toBe("late");
  });

  it("tells when a request would go at once", async () => {
    const clock = new FakeClock();
    const budget = createRequestBudget({ requestsPerSecond: 2, clock });
    await budget.whenFree();
    await budget.acquire();
    let freeAt: number | undefined;
    void budget.whenFree().then(() => {
      freeAt = clock.now();
    });
    await clock.runUntil(2_000);
    expect(freeAt).toBe(500);
  });

  it("refuses a budget out of range", () => {
    expect(() => createRequestBudget({ requestsPerSecond: 0 })).toThrow(/from .* to 1000, not 0/);
    expect(() => createRequestBudget({ requestsPerSecond: Number.NaN })).toThrow(RangeError);
  });
});

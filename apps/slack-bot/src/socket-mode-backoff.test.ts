import { describe, expect, it } from "vitest";
import { createBackoff, createWaiter } from "./socket-mode-backoff.ts";

describe("createBackoff", () => {
  it("doubles the bound each attempt, up to the cap", () => {
    const backoff = createBackoff({ baseMs: 100, capMs: 1000, random: () => 0.999999 });
    const delays = Array.from({ length: 7 }, () => backoff.next());
    expect(delays).toEqual([100, 200, 400, 800, 1000, 1000, 1000]);
  });

  it("keeps at least half the bound whatever the jitter draws", () => {
    const backoff = createBackoff({ baseMs: 100, capMs: 1000, random: () => 0 });
    expect([backoff.next(), backoff.next(), backoff.next()]).toEqual([50, 100, 200]);
  });

  it("spreads delays between half the bound and the bound", () => {
    const seen = new Set<number>();
    for (let i = 0; i < 200; i++) {
      const delay = createBackoff({ baseMs: 1000 }).next();
      expect(delay).toBeGreaterThanOrEqual(500);
      expect(delay).toBeLessThanOrEqual(1000);
      seen.add(delay);
    }
    expect(seen.size).toBeGreaterThan(20);
  });

  it("starts over after a reset", () => {
    const backoff = createBackoff({ baseMs: 100, capMs: 1000, random: () => 0.999999 });
    backoff.next();
    backoff.next();
    expect(backoff.attempts).toBe(2);
    backoff.reset();
    expect(backoff.attempts).toBe(0);
    expect(backoff.next()).toBe(100);
  });

  it("never grows past the cap however many attempts fail", () => {
    const backoff = createBackoff({ baseMs: 500, capMs: 30_000, random: () => 0.999999 });
    for (let i = 0; i < 5000; i++) backoff.next();
    expect(backoff.next()).toBe(30_000);
  });
});

describe("createWaiter", () => {
  it("waits, or ends at once when woken", async () => {
    const waiter = createWaiter();
    let started = Date.now();
    await waiter.wait(30);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
    started = Date.now();
    const long = waiter.wait(60_000);
    waiter.wake();
    await long;
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

import { describe, expect, it } from "vitest";
import { budgetedFetch } from "./budgeted-fetch.ts";
import { FakeClock } from "./fake-clock.ts";
import { createRequestBudget } from "./request-budget.ts";

const URL = "http://mybot.test/users";

/** An inner fetch answering the statuses given in turn, recording when each request went out. */
function fakeServer(clock: FakeClock, answers: Array<[number, Record<string, string>?]>) {
  const seen: number[] = [];
  const inner = (async () => {
    seen.push(clock.now());
    const [status, headers] = answers.shift() ?? [200];
    return new Response("{}", { status, headers });
  }) as typeof fetch;
  return { seen, inner };
}

describe("budgeted fetch", () => {
  it("sends each request in its turn of the budget", async () => {
    const clock = new FakeClock();
    const budget = createRequestBudget({ requestsPerSecond: 2, clock });
    const server = fakeServer(clock, []);
    const fetch = budgetedFetch(budget, server.inner);
    const answers = Promise.all([fetch(URL), fetch(URL), fetch(new Request(URL))]);
    await clock.runUntil(5_000);
    expect((await answers).map((r) => r.status)).toEqual([200, 200, 200]);
    expect(server.seen).toEqual([0, 500, 1000]);
  });

  it("pauses everyone for a 429's Retry-After, seconds or an HTTP date", async () => {
    const clock = new FakeClock();
    const budget = createRequestBudget({ requestsPerSecond: 10, clock });
    const server = fakeServer(clock, [
      [429, { "retry-after": "3" }],
      [200],
      [429, { "retry-after": "Thu, 01 Jan 1970 00:00:20 GMT" }],
    ]);
    const fetch = budgetedFetch(budget, server.inner, () => clock.now());
    const first = fetch(URL);
    await clock.advance(0);
    expect((await first).status).toBe(429);
    const later = Promise.all([fetch(URL), fetch(URL), fetch(URL)]);
    await clock.runUntil(60_000);
    await later;
    // 3 s after the first; then 200 ms at the halved pace; then the date's 20 s.
    expect(server.seen).toEqual([0, 3_000, 3_200, 20_000]);
    expect(budget.stats()).toMatchObject({ throttled: 2, cuts: 2 });
  });

  it("pauses for the default back-off when Retry-After is junk", async () => {
    const clock = new FakeClock();
    const budget = createRequestBudget({ requestsPerSecond: 10, clock, defaultPauseMs: 4_000 });
    const server = fakeServer(clock, [[429, { "retry-after": "-1" }]]);
    const fetch = budgetedFetch(budget, server.inner);
    const answers = Promise.all([fetch(URL), fetch(URL)]);
    await clock.runUntil(10_000);
    await answers;
    expect(server.seen).toEqual([0, 4_000]);
  });

  it("counts a 503 only when it asks for a pause", async () => {
    const clock = new FakeClock();
    const budget = createRequestBudget({ requestsPerSecond: 10, clock });
    const server = fakeServer(clock, [[503], [503, { "retry-after": "1" }]]);
    const fetch = budgetedFetch(budget, server.inner);
    const answers = Promise.all([fetch(URL), fetch(URL)]);
    await clock.runUntil(5_000);
    await answers;
    expect(budget.stats().throttled).toBe(1);
  });

  it("never sends a request whose signal aborts while it waits", async () => {
    const clock = new FakeClock();
    const budget = createRequestBudget({ requestsPerSecond: 1, clock });
    const server = fakeServer(clock, []);
    const fetch = budgetedFetch(budget, server.inner);
    await Promise.all([fetch(URL), clock.advance(0)]);
    const controller = new AbortController();
    const waiting = fetch(URL, { signal: controller.signal });
    await clock.advance(100);
    controller.abort(new Error("attempt timed out"));
    await expect(waiting).rejects.toThrow("attempt timed out");
    await clock.runUntil(5_000);
    expect(server.seen).toEqual([0]);
  });
});

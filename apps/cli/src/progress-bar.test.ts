import { describe, expect, it } from "vitest";
import { createProgressBar, formatDuration, formatRate, renderProgress } from "./progress-bar.ts";

describe("formatDuration", () => {
  it.each([
    [0, "0s"],
    [400, "1s"],
    [45_000, "45s"],
    [59_500, "1m 00s"],
    [185_000, "3m 05s"],
    [3_600_000, "1h 00m"],
    [7_620_000, "2h 07m"],
    [Number.NaN, "--"],
    [Number.POSITIVE_INFINITY, "--"],
    [-1, "--"],
  ])("%d ms is %s", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe("formatRate", () => {
  it.each([
    [0, "0"],
    [Number.NaN, "0"],
    [0.44, "0.4"],
    [12.46, "12.5"],
    [99.94, "99.9"],
    [1234.4, "1,234"],
  ])("%d a second is %s", (rate, text) => {
    expect(formatRate(rate)).toBe(text);
  });
});

describe("renderProgress", () => {
  const at = (usersDone: number, usersDoneAtStart = 0) => ({
    usersDone,
    users: 2000,
    messages: usersDone * 2,
    usersDoneAtStart,
  });

  it("users done of the cohort, messages, the rate over this run and the time left at it", () => {
    expect(renderProgress(at(500), 2000)).toBe(
      "[######------------------] 500/2,000 users, 1,000 messages, 250 users/s, ETA 6s",
    );
  });

  it("a resumed run's rate counts only the users it did", () => {
    expect(renderProgress(at(1500, 1000), 10_000)).toBe(
      "[##################------] 1,500/2,000 users, 3,000 messages, 50.0 users/s, ETA 10s",
    );
  });

  it("before the first user: no rate, no time left; done: nothing left", () => {
    expect(renderProgress(at(0), 0)).toMatch(/ 0 users\/s, ETA --$/);
    expect(renderProgress(at(2000), 4000)).toMatch(/^\[#{24}\] 2,000\/2,000 .* ETA 0s$/);
    expect(renderProgress({ ...at(0), users: 0 }, 10)).toMatch(/^\[#{24}\] 0\/0 users/);
  });
});

describe("createProgressBar", () => {
  it("redraws in place at most every 200 ms, and the last state once more when done", () => {
    let now = 0;
    const written: string[] = [];
    const bar = createProgressBar((t) => written.push(t), { now: () => now });
    for (let done = 1; done <= 100; done++) {
      now += 10;
      bar.update({ usersDone: done, users: 100, messages: done, usersDoneAtStart: 0 });
    }
    bar.finish();
    // 1 s of updates every 10 ms: drawn at 10, 210, 410, 610 and 810 ms, then at the end.
    expect(written.filter((t) => t.startsWith("\r"))).toHaveLength(6);
    const redraw = (t: string) => /^\r\[[#-]{24}\] /.test(t) && t.endsWith("\u001b[K");
    expect(written.every((t) => t === "\n" || redraw(t))).toBe(true);
    expect(written.at(-2)).toContain("100/100 users");
    expect(written.at(-1)).toBe("\n");
  });

  it("times the rate from the first part written, not from its own creation", () => {
    let now = 0;
    const written: string[] = [];
    const bar = createProgressBar((t) => written.push(t), { now: () => now });
    // Listing the cohort took 10 s: no user was exported in that time.
    now = 10_000;
    bar.update({ usersDone: 1, users: 1001, messages: 2, usersDoneAtStart: 0 });
    now = 11_000;
    bar.update({ usersDone: 101, users: 1001, messages: 202, usersDoneAtStart: 0 });
    expect(written.at(-1)).toContain("100 users/s, ETA 9s");
  });

  it("draws nothing when nothing happened", () => {
    const written: string[] = [];
    createProgressBar((t) => written.push(t)).finish();
    expect(written).toEqual([]);
  });
});

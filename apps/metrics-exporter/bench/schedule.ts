/**
 * The read schedule at scale, a benchmark (prints figures, never fails on them): the cost of one
 * read's turn (take the most urgent user, give them back with a new due time) with 1,000,000
 * users, as a ratio to the same with 10,000 users in the same run (O(log n): about 1.5 expected),
 * and the memory per tracked user. `--quick` (or BENCH_QUICK=1) tracks 100,000 instead.
 */
import { ReadSchedule } from "../src/read-schedule.ts";
import { quick } from "./quick.ts";

const LARGE = quick ? 100_000 : 1_000_000;
const SMALL = 10_000;
const TURNS = 300_000;
const HOUR = 3_600_000;

function memory() {
  globalThis.gc?.();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/** Tracks `users` users, then times `TURNS` turns of take and done at a steady clock. */
function run(users: number) {
  const before = memory();
  const schedule = new ReadSchedule({ maxStalenessMs: HOUR, minIntervalMs: 30_000 });
  for (let i = 0; i < users; i++) schedule.add(`gold\u0000${919_800_000_000 + i}`, 0);
  const bytesPerUser = (memory() - before) / users;
  let now = 0;
  const started = performance.now();
  for (let i = 0; i < TURNS; i++) {
    now += 100;
    let key = schedule.take(now);
    if (key === undefined) {
      now = schedule.nextAt() as number;
      key = schedule.take(now);
    }
    // A twentieth of the users wrote recently: they come back soon, the rest within the hour.
    if (key !== undefined) schedule.done(key, now, i % 20 === 0 ? now - 60_000 : undefined);
  }
  return { nsPerTurn: ((performance.now() - started) * 1e6) / TURNS, bytesPerUser };
}

run(SMALL); // warm-up: the JIT, not the figures
const small = run(SMALL);
const large = run(LARGE);
console.log(
  `schedule: ${small.nsPerTurn.toFixed(0)} ns per turn at ${SMALL} users, ${large.nsPerTurn.toFixed(0)} ns at ${LARGE}: ratio ${(large.nsPerTurn / small.nsPerTurn).toFixed(2)} (O(log n): about ${(Math.log2(LARGE) / Math.log2(SMALL)).toFixed(2)})`,
);
console.log(
  `schedule: ${large.bytesPerUser.toFixed(0)} bytes per tracked user at ${LARGE} (key string and map entry included)`,
);

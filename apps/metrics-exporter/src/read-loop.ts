/**
 * The pull loop between the budget and the schedule: whenever the budget could send a request at
 * once and fewer than `concurrency` reads are running, it takes the most urgent user and starts
 * their read. Users are chosen when a turn is free, not queued up ahead of it, so the choice is
 * made with the latest news, and a pause after a 429 holds the users back rather than their
 * requests (which would time out waiting).
 *
 * @module
 */
import type { Clock } from "./clock.ts";
import type { ReadSchedule } from "./read-schedule.ts";
import type { RequestBudget } from "./request-budget.ts";

export interface ReadLoopOptions {
  schedule: ReadSchedule;
  budget: Pick<RequestBudget, "whenFree">;
  /** The schedule's clock: epoch ms, as message timestamps are. */
  clock: Clock;
  /** Reads running at once: a bound on how far ahead of the budget users are taken. */
  concurrency: number;
  signal: AbortSignal;
  /** Reads one user; resolves with the time of their newest message (undefined: none seen). */
  read(key: string, signal: AbortSignal): Promise<number | undefined>;
  /** A read failed (not because the loop stopped); the user is tried again later. */
  onError?(key: string, error: unknown): void;
  /** Longest sleep while no one is due, so that users added meanwhile wait no longer. Default 1 s. */
  idleCheckMs?: number;
}

/**
 * Runs until the signal aborts, then waits for the reads running to end.
 *
 * @example
 * ```ts
 * await runReadLoop({ schedule, budget, clock: wallClock, concurrency: 4, signal,
 *   read: (key, signal) => readUser(key, signal) });
 * ```
 */
export async function runReadLoop(options: ReadLoopOptions): Promise<void> {
  const { schedule, budget, clock, signal } = options;
  const idleCheckMs = options.idleCheckMs ?? 1_000;
  const running = new Set<Promise<void>>();
  const start = (key: string, readAt: number) => {
    const read = options
      .read(key, signal)
      .then(
        (lastMessageAt) => schedule.done(key, readAt, lastMessageAt),
        (error) => {
          schedule.failed(key, clock.now());
          if (!signal.aborted) options.onError?.(key, error);
        },
      )
      .finally(() => running.delete(read));
    running.add(read);
  };
  try {
    while (!signal.aborted) {
      if (running.size >= options.concurrency) {
        await Promise.race(running);
        continue;
      }
      await budget.whenFree(signal);
      const now = clock.now();
      const key = schedule.take(now);
      if (key !== undefined) {
        start(key, now);
        continue;
      }
      const next = schedule.nextAt();
      const wait =
        next === undefined ? idleCheckMs : Math.min(Math.max(next - now, 1), idleCheckMs);
      await clock.sleep(wait, signal);
    }
  } catch (error) {
    if (!signal.aborted) throw error;
  } finally {
    await Promise.allSettled([...running]);
  }
}

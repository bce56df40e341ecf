/**
 * The progress bar of `mybot export` on a terminal's stderr: users done of the cohort, messages,
 * the rate in users a second over this run, and the time left at that rate. Redrawn in place
 * (`\r`, then erase to the end of the line), at most every `minIntervalMs`, because a redraw per
 * user would cost more than a small user's export. Only numbers are drawn, nothing from MyBOT.
 *
 * @module
 */
import type { ExportProgress } from "./export.ts";

const count = new Intl.NumberFormat("en");

/**
 * A duration as a person reads a time left: `45s`, `3m 05s`, `2h 07m`; `--` when unknown.
 *
 * @example
 * ```ts
 * formatDuration(185_000); // "3m 05s"
 * ```
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return "--";
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  const two = (n: number) => String(n).padStart(2, "0");
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m ${two(seconds % 60)}s`;
  return `${Math.floor(seconds / 3600)}h ${two(Math.floor(seconds / 60) % 60)}m`;
}

/**
 * A rate with as many digits as mean something: `0.4`, `12.5`, `1,234`.
 *
 * @example
 * ```ts
 * formatRate(1234.4); // "1,234"
 * ```
 */
export function formatRate(perSecond: number): string {
  if (!Number.isFinite(perSecond) || perSecond <= 0) return "0";
  return perSecond < 100 ? perSecond.toFixed(1) : count.format(Math.round(perSecond));
}

/**
 * One line of the bar, for `elapsedMs` since this run started.
 *
 * @example
 * ```ts
 * renderProgress({ usersDone: 500, users: 2000, messages: 1000, usersDoneAtStart: 0 }, 2000);
 * // "[######------------------] 500/2,000 users, 1,000 messages, 250 users/s, ETA 6s"
 * ```
 */
export function renderProgress(progress: ExportProgress, elapsedMs: number, width = 24): string {
  const { usersDone, users, messages, usersDoneAtStart } = progress;
  const filled = users === 0 ? width : Math.min(width, Math.floor((usersDone / users) * width));
  const rate = elapsedMs > 0 ? ((usersDone - usersDoneAtStart) * 1000) / elapsedMs : 0;
  const left = usersDone >= users ? 0 : rate > 0 ? ((users - usersDone) / rate) * 1000 : Number.NaN;
  return `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${count.format(usersDone)}/${count.format(users)} users, ${count.format(messages)} messages, ${formatRate(rate)} users/s, ETA ${formatDuration(left)}`;
}

/** A bar drawing on `write`. */
export interface ProgressBar {
  update(progress: ExportProgress): void;
  /** Draws the last state, if any, and ends the line. */
  finish(): void;
}

/**
 * @example
 * ```ts
 * const bar = createProgressBar((t) => process.stderr.write(t));
 * await exportCohort(client, { ...options, onProgress: bar.update });
 * bar.finish();
 * ```
 */
export function createProgressBar(
  write: (text: string) => void,
  options: { now?: () => number; minIntervalMs?: number } = {},
): ProgressBar {
  const now = options.now ?? Date.now;
  const interval = options.minIntervalMs ?? 200;
  // The rate is timed from the first part written, not from the bar's creation: listing a
  // large cohort first takes seconds, and would count as exporting no one. Users are counted
  // from there too, so that the first part's own users are not spread over no time.
  let started: { at: number; usersDone: number } | undefined;
  let drawnAt = Number.NEGATIVE_INFINITY;
  let last: ExportProgress | undefined;
  const draw = (progress: ExportProgress, at: number) => {
    drawnAt = at;
    const from = { ...progress, usersDoneAtStart: started?.usersDone ?? progress.usersDone };
    write(`\r${renderProgress(from, at - (started?.at ?? at))}\u001b[K`);
  };
  return {
    update: (progress) => {
      last = progress;
      const at = now();
      started ??= { at, usersDone: progress.usersDone };
      if (at - drawnAt >= interval) draw(progress, at);
    },
    finish: () => {
      if (!last) return;
      draw(last, now());
      write("\n");
    },
  };
}

/**
 * How soon a user is read again. A user who wrote a minute ago is likely mid-conversation and
 * writes again soon; one silent for a day is likely to stay silent for hours. So the pause before
 * the next read grows with the silence: a quarter of the time since the user's last message,
 * never under `min_read_interval` (a chatting user costs at most one request per that interval)
 * and never over `max_staleness` less a tenth (the slack that lets a read that waits its turn on
 * a busy budget still land within `max_staleness`). The expected delay from a new message to its
 * count is then about an eighth of the silence before it: seconds in a conversation, minutes
 * after a pause, at most `max_staleness` for a user who writes once a day.
 *
 * @module
 */

export interface ReadPolicy {
  /** Every user is read at least this often. */
  maxStalenessMs: number;
  /** No user is read more often than this. */
  minIntervalMs: number;
}

/** The pause as a fraction of the silence since the last message. */
const SILENCE_FACTOR = 0.25;
/** Slack kept before `maxStalenessMs` for reads that have to wait their turn. */
const SLACK_FRACTION = 0.1;
/**
 * Before `maxStalenessMs` by this fraction, a user's read goes ahead of everyone merely due.
 * Smaller than the slack, so that idle users share the due order with the active ones, and only
 * a backlog past the slack lets the bound take precedence.
 */
const URGENT_FRACTION = 0.05;

/**
 * How long after a read the next one goes ahead of everyone merely due: `maxStalenessMs` less
 * the urgent margin.
 *
 * @example
 * ```ts
 * urgentAfter({ maxStalenessMs: 3_600_000, minIntervalMs: 30_000 }); // 3 420 000
 * ```
 */
export function urgentAfter(policy: ReadPolicy): number {
  return policy.maxStalenessMs * (1 - URGENT_FRACTION);
}

/**
 * The longest pause a user can get: `maxStalenessMs` less the slack.
 *
 * @example
 * ```ts
 * longestInterval({ maxStalenessMs: 3_600_000, minIntervalMs: 30_000 }); // 3 240 000
 * ```
 */
export function longestInterval(policy: ReadPolicy): number {
  return policy.maxStalenessMs * (1 - SLACK_FRACTION);
}

/**
 * The pause before a user's next read, given when the last read began and the user's newest
 * message (undefined: none seen, as idle as a user can be).
 *
 * @example
 * ```ts
 * const policy = { maxStalenessMs: 3_600_000, minIntervalMs: 30_000 };
 * readInterval(policy, now, now - 60_000); // 30 000: a minute's silence, mid-conversation
 * readInterval(policy, now, now - 1_200_000); // 300 000: 20 minutes' silence, read in 5
 * readInterval(policy, now, undefined); // 3 240 000: idle, read within the hour
 * ```
 */
export function readInterval(
  policy: ReadPolicy,
  readAt: number,
  lastMessageAt: number | undefined,
): number {
  const longest = longestInterval(policy);
  if (lastMessageAt === undefined || !Number.isFinite(lastMessageAt)) return longest;
  // A message stamped in the future (a skewed vendor clock) counts as just now.
  const silence = Math.max(0, readAt - lastMessageAt);
  const interval = Math.max(SILENCE_FACTOR * silence, policy.minIntervalMs);
  return Math.min(interval, longest);
}

/** The first retry after a failed read comes this long after it (or `min_read_interval`). */
const FIRST_RETRY_MS = 60_000;

/**
 * The pause before retrying a user whose last `failures` reads in a row failed: a minute, doubled
 * per failure, up to the longest interval. A user that always fails (deleted at the vendor, say)
 * then costs what an idle user costs, not a request a minute for ever.
 *
 * @example
 * ```ts
 * const policy = { maxStalenessMs: 3_600_000, minIntervalMs: 30_000 };
 * retryAfter(policy, 1); // 60 000
 * retryAfter(policy, 3); // 240 000
 * retryAfter(policy, 20); // 3 240 000
 * ```
 */
export function retryAfter(policy: ReadPolicy, failures: number): number {
  const first = Math.max(FIRST_RETRY_MS, policy.minIntervalMs);
  return Math.min(first * 2 ** Math.min(Math.max(failures - 1, 0), 30), longestInterval(policy));
}

/**
 * What the exporter knows, per cohort: each user's cursor (the last message timestamp seen, with
 * the ids of the messages at that timestamp to drop the boundary repeats; ids may be content
 * fingerprints), and the counts derived from messages. They live in a SQLite file per shard
 * (state-db.ts, state-store.ts), where a user's cursor and the counts it moved change in one
 * transaction: after any crash (kill -9 included) every counted message is behind a cursor and
 * every message behind a cursor is counted.
 *
 * @module
 */
import type { ApiStats } from "./api-metrics.ts";

export type Sender = "user" | "bot" | "agent";
export const SENDERS: readonly Sender[] = ["user", "bot", "agent"];

/** Upper bounds (seconds) of the bot response latency histogram. */
export const LATENCY_BUCKETS = [0.5, 1, 2, 5, 10, 30, 60, 300, 1800];

export interface UserState {
  /** Last message timestamp applied (ms); the next read starts here, inclusive. */
  cursor: number | null;
  /**
   * One key per message at `cursor` already applied (its id, or its fingerprint without the
   * page-local repeat number: see cursor.ts), so identical messages at one instant count as many.
   */
  idsAtCursor: string[];
  /** Timestamp of the last message of any sender, for the session gap (and the scheduler). */
  lastAt: number | null;
  /** The first user message not yet answered by the bot. */
  pendingUserAt: number | null;
  /** The last message the user sent, for active-user windows. */
  lastUserMessageAt: number | null;
  /**
   * Set while the cohort's listing no longer returns the user: not an active user of it. The
   * cursor stays, so a user who comes back is not read, nor counted, twice.
   */
  left?: boolean;
  /** When the last read of this user's history that completed began (ms), for the scheduler. */
  lastReadAt?: number | null;
}

/** A cohort's counts: what the exposition shows, besides the active users. */
export interface CohortState {
  /** Users in this shard at the last listing. */
  userCount: number;
  messages: Record<Sender, number>;
  lastMessageAt: Partial<Record<Sender, number>>;
  conversations: number;
  latency: { buckets: number[]; sum: number; count: number };
}

/** The counters of a state, without the users: what a commit published, or a file holds. */
export interface ExporterState {
  version: 1;
  cohorts: Record<string, CohortState>;
  /** The exporter's requests to MyBOT, saved so that, like every counter, they never go back. */
  api?: ApiStats;
  /** Failed reads of MyBOT during polls, by reason (poll-errors.ts); saved for the same reason. */
  pollErrors?: Record<string, number>;
  /** The request budget's counters (request-budget.ts), saved for the same reason. */
  budget?: BudgetCounters;
}

export interface BudgetCounters {
  /** Requests let through. */
  granted: number;
  /** Answers 429 (or 503 with Retry-After). */
  throttled: number;
  /** Time requests waited for their turn, all together. */
  waitedSeconds: number;
}

export function emptyCohort(): CohortState {
  return {
    userCount: 0,
    messages: { user: 0, bot: 0, agent: 0 },
    lastMessageAt: {},
    conversations: 0,
    latency: { buckets: LATENCY_BUCKETS.map(() => 0), sum: 0, count: 0 },
  };
}

/**
 * The state database, one per shard, so that shards sharing a directory never read each other's
 * cursors.
 *
 * @example
 * ```ts
 * stateFile(1, 4); // "state-shard-1-of-4.db"
 * ```
 */
export function stateFile(shard = 0, totalShards = 1): string {
  return totalShards > 1 ? `state-shard-${shard}-of-${totalShards}.db` : "state.db";
}

/**
 * The JSON file earlier versions kept the same state in; migrated once, then renamed
 * `*.migrated`.
 *
 * @example
 * ```ts
 * legacyStateFile(0, 1); // "state.json"
 * ```
 */
export function legacyStateFile(shard = 0, totalShards = 1): string {
  return totalShards > 1 ? `state-shard-${shard}-of-${totalShards}.json` : "state.json";
}

/** The state file exists but cannot be used: a start-up error, said in one sentence. */
export class StateFileError extends Error {
  override name = "StateFileError";
}

/**
 * Starting afresh is the operator's call, never the exporter's: the counters would start over.
 *
 * @example
 * ```ts
 * throw unusable("/var/lib/exporter/state.db", "it is not a SQLite database");
 * ```
 */
export const unusable = (path: string, why: string) =>
  new StateFileError(
    `cannot resume from the state file ${path}: ${why}; restore it from a backup, or move it aside to start afresh (every history is then read again from the backfill, and the counters start over)`,
  );

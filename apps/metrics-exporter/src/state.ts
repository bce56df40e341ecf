/**
 * What the exporter knows, per cohort: each user's cursor (the last message timestamp seen, with
 * the ids of the messages at that timestamp to drop the boundary repeats; ids may be content
 * fingerprints), and the counts derived from messages.
 * Cursors and counts live in one file, replaced atomically, so that after any crash (kill -9
 * included) the exporter resumes from a state where every counted message is behind a cursor and
 * every message behind a cursor is counted: nothing lost, nothing counted twice.
 *
 * @module
 */
import {
  closeSync,
  existsSync,
  fchmodSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeSync,
} from "node:fs";
import { dirname, join } from "node:path";
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
  /** Timestamp of the last message of any sender, for the session gap. */
  lastAt: number | null;
  /** The first user message not yet answered by the bot. */
  pendingUserAt: number | null;
  /** The last message the user sent, for active-user windows. */
  lastUserMessageAt: number | null;
  /**
   * Set while the cohort's listing no longer returns the user: not an active user of it. The
   * cursor stays, so a user who comes back is not read, nor counted, twice.
   */
  left?: true;
}

export interface CohortState {
  users: Record<string, UserState>;
  /** Users in this shard at the last listing. */
  userCount: number;
  messages: Record<Sender, number>;
  lastMessageAt: Partial<Record<Sender, number>>;
  conversations: number;
  latency: { buckets: number[]; sum: number; count: number };
}

export interface ExporterState {
  version: 1;
  cohorts: Record<string, CohortState>;
  /**
   * The exporter's requests to MyBOT. Saved with the rest so that, like every counter, they never
   * go back after a restart (absent in files of earlier versions).
   */
  api?: ApiStats;
  /** Failed reads of MyBOT during polls, by reason (poll-errors.ts); saved for the same reason. */
  pollErrors?: Record<string, number>;
}

export function emptyCohort(): CohortState {
  return {
    users: {},
    userCount: 0,
    messages: { user: 0, bot: 0, agent: 0 },
    lastMessageAt: {},
    conversations: 0,
    latency: { buckets: LATENCY_BUCKETS.map(() => 0), sum: 0, count: 0 },
  };
}

/** One file per shard, so that shards sharing a directory never read each other's cursors. */
export function stateFile(shard = 0, totalShards = 1): string {
  return totalShards > 1 ? `state-shard-${shard}-of-${totalShards}.json` : "state.json";
}

export function loadState(dir: string, file = stateFile()): ExporterState {
  const path = join(dir, file);
  if (!existsSync(path)) return { version: 1, cohorts: {} };
  const state = JSON.parse(readFileSync(path, "utf8")) as ExporterState;
  if (state.version !== 1) throw new Error(`${path}: unknown state version ${state.version}`);
  return state;
}

/**
 * Writes to a temporary file, flushes it to disk, then renames it over the old one; returns the
 * text written. The file holds user ids: it and its directory are the owner's only.
 */
export function saveState(dir: string, state: ExporterState, file = stateFile()): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, file);
  const tmp = `${path}.${process.pid}.tmp`;
  const text = JSON.stringify(state);
  const fd = openSync(tmp, "w", 0o600);
  try {
    // The mode of open() applies only to a file it creates, not to one a crash left behind.
    fchmodSync(fd, 0o600);
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  // The rename itself is durable once the directory entry is.
  const dirFd = openSync(dirname(path), "r");
  try {
    fsyncSync(dirFd);
  } catch {
    // some file systems refuse fsync on directories; the rename is still atomic
  } finally {
    closeSync(dirFd);
  }
  return text;
}

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

/** The state file exists but cannot be used: a start-up error, said in one sentence. */
export class StateFileError extends Error {
  override name = "StateFileError";
}

// Starting afresh is the operator's call, never the exporter's: the counters would start over.
const unusable = (path: string, why: string) =>
  new StateFileError(
    `cannot resume from the state file ${path}: ${why}; restore it from a backup, or move it aside to start afresh (every history is then read again from the backfill, and the counters start over)`,
  );

/** The state the text holds, or why it holds none this exporter can resume from. */
function parseState(text: string): ExporterState | string {
  let state: unknown;
  try {
    state = JSON.parse(text);
  } catch {
    return "it is not valid JSON (a truncated or damaged file)";
  }
  if (typeof state !== "object" || state === null) return "it is not an exporter state";
  const { version, cohorts } = state as Partial<ExporterState>;
  if (version !== 1) return `its version ${JSON.stringify(version)} is not 1`;
  if (typeof cohorts !== "object" || cohorts === null) return "it has no cohorts";
  return state as ExporterState;
}

/**
 * The saved state, or an empty one when there is none yet.
 *
 * @throws StateFileError naming the file and what to do, when it cannot be read or is not a state
 */
export function loadState(dir: string, file = stateFile()): ExporterState {
  const path = join(dir, file);
  if (!existsSync(path)) return { version: 1, cohorts: {} };
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw unusable(path, `it cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"})`);
  }
  const state = parseState(text);
  if (typeof state === "string") throw unusable(path, state);
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
    // writeSync may write less than asked; what it left out would leave truncated JSON.
    const bytes = Buffer.from(text);
    for (let at = 0; at < bytes.length; ) {
      const written = writeSync(fd, bytes, at, bytes.length - at);
      if (written <= 0) throw new Error(`${tmp}: the disk took no more bytes`);
      at += written;
    }
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

/**
 * The checkpoint of `mybot export` (`<out>.checkpoint.json`): which user the export is on, where
 * that user's history walk stands, and how many bytes of the output are complete. The walk
 * position is the core's {@link HistoryResume} (a chunk's `next`), not a page number: on a
 * newest-first server the walk reads pages backwards, so "the next page" means nothing without
 * the order and the pinned window end that the resume token carries.
 *
 * @module
 */
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import type { HistoryResume } from "@mybot/core";
import { UsageError } from "./config.ts";

/** The checkpoint format; 1 (page numbers, messages without `messageType`) is not read any more. */
export const CHECKPOINT_VERSION = 2;

export interface Checkpoint {
  version: typeof CHECKPOINT_VERSION;
  attributeName: string;
  attributeValue: string;
  since: number | null;
  /** The window's end, pinned when the export started, so that a resumed export reads the same range. */
  until: number;
  pageSize: number;
  /** The cohort's user ids in export order, fixed at the start. */
  users: string[];
  userIndex: number;
  /** True once the current user's `user` record is in the output (within `bytes`). */
  userStarted: boolean;
  /** Where the current user's walk resumes; null before their first page. */
  resume: HistoryResume | null;
  /** The output's length up to the last complete page. */
  bytes: number;
  messages: number;
}

/**
 * Replaces `path` in one step (write aside, then rename), so that a crash leaves the old
 * checkpoint or the new one, never half of one.
 *
 * @example
 * ```ts
 * writeCheckpoint("gold.ndjson.checkpoint.json", checkpoint);
 * ```
 */
export function writeCheckpoint(path: string, checkpoint: Checkpoint): void {
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, JSON.stringify(checkpoint));
  renameSync(tmp, path);
}

/**
 * Reads a checkpoint, refusing one this version cannot continue: resuming from the wrong
 * position would lose or repeat records, which is worse than starting again.
 *
 * @example
 * ```ts
 * const checkpoint = readCheckpoint("gold.ndjson.checkpoint.json");
 * ```
 */
export function readCheckpoint(path: string): Checkpoint {
  let parsed: Partial<Checkpoint> | undefined;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8"));
  } catch {
    parsed = undefined;
  }
  if (parsed?.version !== CHECKPOINT_VERSION) {
    const why =
      typeof parsed?.version === "number"
        ? `was written by another version of mybot (format ${parsed.version})`
        : "cannot be read";
    throw new UsageError(
      `${path} ${why}; delete it and the output, then export again (or choose another --out)`,
    );
  }
  return parsed as Checkpoint;
}

/**
 * `mybot export`: every user of a cohort with their chat history, as NDJSON, the vendor's own use
 * case (conversations into a CRM or a warehouse). Several users are read at once
 * (`concurrency`), written in the cohort's order: the same bytes as one at a time. A checkpoint
 * beside the output (`<out>.checkpoint.json`, with the user list written once in `<out>.users`)
 * lets an interrupted export resume: the output is cut back to the last checkpoint, so no record
 * is lost or written twice. The checkpoint follows on a cadence, not per page (export-write.ts).
 *
 * Records: `{"type":"user",...user}`, then that user's messages oldest first as
 * `{"type":"message","channelUserId",id,timestamp,time,sender,messageType,text,options?,file?,raw}`
 * (the message record of `history --format ndjson`, with its `type` renamed `messageType` because
 * `type` says which record a line is). A user gone from MyBOT gets a `missing` line, a listed id
 * the client cannot send a `skipped` one (see README).
 *
 * The output is mode 0600: users' details and chat text.
 *
 * @module
 */
import { dirname } from "node:path";
import type { MyBotClient } from "@mybot/core";
import { UsageError } from "./config.ts";
import { type DurableFs, NODE_FS, syncDirectory } from "./durable-file.ts";
import { readInOrder } from "./export-lookahead.ts";
import { checkCheckpointEvery, checkLookaheadBytes } from "./export-settings.ts";
import {
  checkpointPathOf,
  type ExportRequest,
  OUTPUT_MODE,
  startExport,
  userListPathOf,
} from "./export-start.ts";
import { readUser } from "./export-user-reader.ts";
import { writeParts } from "./export-write.ts";

export {
  exportMessageLine,
  exportMissingLine,
  exportSkippedLine,
  exportUserLine,
} from "./export-lines.ts";

/** Users read at once by default: a few requests in flight, a courtesy to MyBOT still. */
export const DEFAULT_CONCURRENCY = 4;
export const MAX_CONCURRENCY = 32;

/** Where an export stands, after each part written. */
export interface ExportProgress {
  /** Users whose records are all in the output. */
  usersDone: number;
  users: number;
  messages: number;
  /** `usersDone` when this run started (a resumed export starts past 0): for the rate. */
  usersDoneAtStart: number;
}

export interface ExportOptions extends ExportRequest {
  /**
   * `--since` and `--until` as typed (`7d`), kept in the checkpoint: the same text again resumes
   * in the checkpoint's window; other text, naming another instant, is another export.
   */
  sinceText?: string | undefined;
  untilText?: string | undefined;
  /** Discards a checkpoint and its output, and starts over. */
  restart?: boolean;
  /** Users read at once, 1 to {@link MAX_CONCURRENCY}; {@link DEFAULT_CONCURRENCY} by default. */
  concurrency?: number | undefined;
  /**
   * Bytes a user read ahead of the one being written may hold before it waits: a whole number
   * above 0. Default 1 MiB.
   */
  lookaheadBytes?: number | undefined;
  /**
   * How often the checkpoint is written: when `ms` have passed (on `now`, the clock) or `bytes`
   * were written since the last one (default 1 s, 16 MiB; each 0 or more, `Infinity` for never,
   * undefined for the default), and always when the export stops on MyBOT or Ctrl-C. `{ ms: 0 }`
   * writes one after every page (tests of the write order do).
   */
  checkpointEvery?: { ms?: number; bytes?: number } | undefined;
  /** The file system; a test passes one that records the order of operations. */
  fs?: DurableFs;
  /** Called after every part written (a page, or a user's closing line). */
  onProgress?: (progress: ExportProgress) => void;
}

/** What an export did. */
export interface ExportResult {
  users: number;
  messages: number;
  /** Users MyBOT no longer knew when their history was read (a `missing` record each). */
  missing: number;
  /** Listed users whose id the client cannot send (a `skipped` record each). */
  skipped: number;
  resumed: boolean;
}

function checkConcurrency(value: number | undefined): number {
  if (value === undefined) return DEFAULT_CONCURRENCY;
  if (!(Number.isInteger(value) && value >= 1 && value <= MAX_CONCURRENCY))
    throw new UsageError(`concurrency ${value}: give a whole number from 1 to ${MAX_CONCURRENCY}`);
  return value;
}

/**
 * @example
 * ```ts
 * await exportCohort(client, { attributeName: "plan", attributeValue: "gold", out: "gold.ndjson", concurrency: 4 });
 * ```
 */
export async function exportCohort(
  client: MyBotClient,
  options: ExportOptions,
): Promise<ExportResult> {
  const fs = options.fs ?? NODE_FS;
  const concurrency = checkConcurrency(options.concurrency);
  const limitBytes = checkLookaheadBytes(options.lookaheadBytes);
  const every = checkCheckpointEvery(options.checkpointEvery);
  const checkpointPath = checkpointPathOf(options.out);
  const { checkpoint, ids, listed, resumed } = await startExport(client, options, fs);

  /**
   * A history's 1002 after a request was sent means the user is gone only if the bot still
   * answers and no longer lists them: the same code says the bot or customer id went invalid,
   * and then writing every remaining user off would lose the rest of the cohort. A listing that
   * fails throws, and the checkpoint stays for the same command to resume.
   */
  const goneFromCohort = async (id: string, signal: AbortSignal) => {
    const now = await client.getMatchingUsers({
      attributeName: checkpoint.attributeName,
      attributeValue: checkpoint.attributeValue,
      signal,
    });
    return !now.some((u) => u.channelUserId === id);
  };

  const byId = new Map(listed.map((u) => [u.channelUserId, u]));
  const first = checkpoint.userIndex;
  const firstStarted = checkpoint.userStarted;
  const firstResume = checkpoint.resume ?? undefined;
  const parts = readInOrder({
    from: first,
    to: ids.length,
    concurrency,
    limitBytes,
    signal: options.signal,
    read: (index, signal) => {
      const id = ids[index] as string;
      return readUser(
        client,
        {
          id,
          // A user who left the cohort since the export started keeps their place, with the id only.
          user:
            index === first && firstStarted ? undefined : (byId.get(id) ?? { channelUserId: id }),
          since: checkpoint.since,
          until: checkpoint.until,
          pageSize: checkpoint.pageSize,
          resume: index === first ? firstResume : undefined,
          // The next page travels while this one is written; at 1 the core asks for no page
          // the walk would not read, and holds one page more per user.
          prefetch: 1,
          goneFromCohort,
        },
        signal,
      );
    },
  });

  const fd = fs.openSync(options.out, "r+");
  try {
    // Users' details and chat text: nobody else's to read, whatever mode an older file had.
    fs.fchmodSync(fd, OUTPUT_MODE);
    await writeParts({
      fs,
      fd,
      checkpoint,
      checkpointPath,
      every,
      now: options.now,
      parts,
      onPart: (usersDone, messages) =>
        options.onProgress?.({ usersDone, users: ids.length, messages, usersDoneAtStart: first }),
    });
  } catch (error) {
    try {
      fs.closeSync(fd);
    } catch {}
    throw error;
  }
  fs.closeSync(fd);
  // The checkpoint's removal reaches the disk first: a crash that kept it without its list would
  // leave a finished export refused as damaged, where a stray list alone is only left over.
  fs.rmSync(checkpointPath, { force: true });
  syncDirectory(fs, dirname(checkpointPath));
  fs.rmSync(userListPathOf(options.out), { force: true });
  return {
    users: ids.length,
    messages: checkpoint.messages,
    missing: checkpoint.missing ?? 0,
    skipped: checkpoint.skipped ?? 0,
    resumed,
  };
}

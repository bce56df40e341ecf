/**
 * `mybot export`: every user of a cohort with their chat history, as NDJSON, the vendor's own use
 * case (conversations into a CRM or a warehouse). One page in memory at a time. A checkpoint
 * beside the output (`<out>.checkpoint.json`, replaced atomically after every page) lets an
 * interrupted export resume: the output is cut back to the last checkpoint, so no record is
 * lost or written twice.
 *
 * Records: `{"type":"user",...user}`, then that user's messages oldest first as
 * `{"type":"message","channelUserId",id,timestamp,time,sender,messageType,text,options?,file?,raw}`
 * (the message record of `history --format ndjson`, with its `type` renamed `messageType` because
 * `type` says which record a line is).
 *
 * @module
 */
import { type ChatMessage, isMyBotApiError, type MyBotClient } from "@mybot/core";
import { UsageError } from "./config.ts";
import { type DurableFs, NODE_FS, writeAll } from "./durable-file.ts";
import {
  CHECKPOINT_VERSION,
  type Checkpoint,
  RESTART_HINT,
  readCheckpoint,
  writeCheckpoint,
} from "./export-checkpoint.ts";
import { toMessageRecord } from "./message-record.ts";

/** The vendor's "bot, customer or user id invalid": for a user the listing gave, one who is gone. */
const USER_NOT_FOUND = 1002;

export interface ExportOptions {
  attributeName: string;
  attributeValue: string;
  since?: number | undefined;
  until?: number | undefined;
  /**
   * `--since` and `--until` as typed (`7d`), kept in the checkpoint: the same text again resumes
   * in the checkpoint's window; other text, naming another instant, is another export.
   */
  sinceText?: string | undefined;
  untilText?: string | undefined;
  out: string;
  force?: boolean;
  /** Discards a checkpoint and its output, and starts over. */
  restart?: boolean;
  pageSize?: number;
  signal?: AbortSignal;
  now?: () => number;
  /** The file system; a test passes one that records the order of operations. */
  fs?: DurableFs;
  /** Called after every page. */
  onProgress?: (progress: { user: number; users: number; messages: number }) => void;
}

/** What an export did. */
export interface ExportResult {
  users: number;
  messages: number;
  /** Users MyBOT no longer knew when their history was read (a `missing` record each). */
  missing: number;
  resumed: boolean;
}

/**
 * One `message` line of the export.
 *
 * @example
 * ```ts
 * exportMessageLine("919812345678", message); // {"type":"message","channelUserId":"919812345678","id":…}\n
 * ```
 */
export function exportMessageLine(channelUserId: string, m: ChatMessage): string {
  const { type: messageType, ...record } = toMessageRecord(m);
  const { id, timestamp, time, sender, ...rest } = record;
  return `${JSON.stringify({ type: "message", channelUserId, id, timestamp, time, sender, messageType, ...rest })}\n`;
}

/**
 * The line for a user MyBOT no longer knows (its 1002 answer): the export records them and goes
 * on. Messages of theirs read before (if any) stay above it.
 *
 * @example
 * ```ts
 * exportMissingLine("919812345678"); // {"type":"missing","channelUserId":"919812345678","code":1002,"error":"INVALID_BOT_OR_CUSTOMER_ID"}\n
 * ```
 */
export function exportMissingLine(channelUserId: string, errorName = "INVALID_BOT_OR_CUSTOMER_ID") {
  return `${JSON.stringify({ type: "missing", channelUserId, code: USER_NOT_FOUND, error: errorName })}\n`;
}

const shown = (text: string | null) => (text === null ? "none" : `"${text}"`);

/**
 * What was asked of one end of the window: the text as typed, null when the flag was not given,
 * undefined when unknown (a library caller that passed only an instant).
 */
function askedOf(text: string | undefined, instant: number | undefined): string | null | undefined {
  if (text !== undefined) return text;
  return instant === undefined ? null : undefined;
}

/**
 * Refuses to resume when this command asks for another window than the checkpoint's. The same
 * text (`--since 7d` again, or nothing again) is the same request, though `7d` now resolves to a
 * later instant; other text naming the very same instant is the same request too. Where either
 * side is unknown, the checkpoint's window stands, as it always did.
 */
function checkSameWindow(checkpointPath: string, checkpoint: Checkpoint, options: ExportOptions) {
  const asks = (flag: "since" | "until", text: string | undefined, instant: number | undefined) => {
    const typed = askedOf(text, instant);
    const kept = checkpoint.asked?.[flag];
    if (kept === undefined || typed === undefined || typed === kept) return;
    const pinned = flag === "since" ? checkpoint.since : checkpoint.until;
    if (kept !== null && instant !== undefined && instant === pinned) return;
    throw new UsageError(
      `${checkpointPath} is an export with --${flag} ${shown(kept)}, and this command asks for ${shown(typed)}: run it as it was to resume, or ${RESTART_HINT}`,
    );
  };
  asks("since", options.sinceText, options.since);
  asks("until", options.untilText, options.until);
}

/**
 * @example
 * ```ts
 * await exportCohort(client, { attributeName: "plan", attributeValue: "gold", out: "gold.ndjson" });
 * ```
 */
export async function exportCohort(
  client: MyBotClient,
  options: ExportOptions,
): Promise<ExportResult> {
  const fs = options.fs ?? NODE_FS;
  const checkpointPath = `${options.out}.checkpoint.json`;
  let checkpoint: Checkpoint;
  let resumed = false;
  const listCohort = (attributeName: string, attributeValue: string) =>
    client.getMatchingUsers({ attributeName, attributeValue, signal: options.signal });
  if (options.restart) {
    fs.rmSync(checkpointPath, { force: true });
    fs.rmSync(`${checkpointPath}.tmp`, { force: true });
  }
  // One listing per run: the user records for the output, and on a fresh export the user order.
  let listed: Awaited<ReturnType<typeof listCohort>>;
  if (fs.existsSync(checkpointPath)) {
    checkpoint = readCheckpoint(checkpointPath, fs);
    // The window and page size are the checkpoint's: the resume position only means something
    // in the window it was counted in.
    const same =
      checkpoint.attributeName === options.attributeName &&
      checkpoint.attributeValue === options.attributeValue;
    if (!same) {
      throw new UsageError(
        `${checkpointPath} belongs to another export (${checkpoint.attributeName}=${checkpoint.attributeValue}); choose another --out, or ${RESTART_HINT}`,
      );
    }
    checkSameWindow(checkpointPath, checkpoint, options);
    if (!fs.existsSync(options.out) || fs.statSync(options.out).size < checkpoint.bytes)
      throw new UsageError(
        `${options.out} is shorter than ${checkpointPath} says it is (${checkpoint.bytes} bytes); ${RESTART_HINT}`,
      );
    resumed = true;
    listed = await listCohort(checkpoint.attributeName, checkpoint.attributeValue);
  } else {
    if (fs.existsSync(options.out) && !options.force && !options.restart)
      throw new UsageError(`${options.out} exists; add --force to overwrite it`);
    listed = await listCohort(options.attributeName, options.attributeValue);
    checkpoint = {
      version: CHECKPOINT_VERSION,
      attributeName: options.attributeName,
      attributeValue: options.attributeValue,
      since: options.since ?? null,
      until: options.until ?? (options.now ?? Date.now)(),
      asked: {
        since: askedOf(options.sinceText, options.since),
        until: askedOf(options.untilText, options.until),
      },
      pageSize: options.pageSize ?? 500,
      users: listed.map((u) => u.channelUserId),
      userIndex: 0,
      userStarted: false,
      resume: null,
      bytes: 0,
      messages: 0,
      missing: 0,
    };
    fs.writeFileSync(options.out, "");
    writeCheckpoint(checkpointPath, checkpoint, fs);
  }

  const fd = fs.openSync(options.out, "r+");
  try {
    // Anything past the checkpoint is a page that was written but not recorded: drop it.
    if (fs.fstatSync(fd).size !== checkpoint.bytes) fs.ftruncateSync(fd, checkpoint.bytes);
    let position = checkpoint.bytes;
    const write = (text: string) => {
      position += writeAll(fs, fd, text, position);
    };
    // The data reaches the disk before the checkpoint that claims it (see durable-file.ts).
    const record = (next: Checkpoint) => {
      fs.fsyncSync(fd);
      writeCheckpoint(checkpointPath, next, fs);
    };
    const byId = new Map(listed.map((u) => [u.channelUserId, u]));
    for (; checkpoint.userIndex < checkpoint.users.length; checkpoint.userIndex++) {
      const id = checkpoint.users[checkpoint.userIndex] as string;
      if (!checkpoint.userStarted) {
        // A user who left the cohort since the export started keeps their place, with the id only.
        write(`${JSON.stringify({ type: "user", ...(byId.get(id) ?? { channelUserId: id }) })}\n`);
      }
      const history = client.iterateChatHistory(id, {
        startDate: checkpoint.since ?? undefined,
        endDate: checkpoint.until,
        pageSize: checkpoint.pageSize,
        resume: checkpoint.resume ?? undefined,
        signal: options.signal,
      });
      try {
        // Chunks come oldest first whatever the server's order; each is recorded with the
        // position after it, so that a resumed walk starts at the first chunk not in the output.
        for await (const chunk of history.pages()) {
          let lines = "";
          for (const m of chunk.messages) lines += exportMessageLine(id, m);
          write(lines);
          checkpoint.messages += chunk.messages.length;
          checkpoint.userStarted = chunk.next !== null;
          checkpoint.resume = chunk.next;
          checkpoint.bytes = position;
          // A finished user is recorded as the next one not started, in the same atomic write.
          record(
            chunk.next === null
              ? { ...checkpoint, userIndex: checkpoint.userIndex + 1 }
              : checkpoint,
          );
          options.onProgress?.({
            user: checkpoint.userIndex + 1,
            users: checkpoint.users.length,
            messages: checkpoint.messages,
          });
        }
      } catch (error) {
        // Gone from MyBOT since the listing: recorded, and the export goes on.
        if (!(isMyBotApiError(error) && error.code === USER_NOT_FOUND)) throw error;
        write(exportMissingLine(id, error.errorName));
        checkpoint.missing = (checkpoint.missing ?? 0) + 1;
        checkpoint.bytes = position;
        record({
          ...checkpoint,
          userIndex: checkpoint.userIndex + 1,
          userStarted: false,
          resume: null,
        });
      }
      checkpoint.userStarted = false;
      checkpoint.resume = null;
    }
  } finally {
    fs.closeSync(fd);
  }
  fs.rmSync(checkpointPath, { force: true });
  return {
    users: checkpoint.users.length,
    messages: checkpoint.messages,
    missing: checkpoint.missing ?? 0,
    resumed,
  };
}

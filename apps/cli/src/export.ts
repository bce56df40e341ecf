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
 * `type` says which record a line is). A user gone from MyBOT gets a `missing` line, a listed id
 * the client cannot send a `skipped` one (see README).
 *
 * The output is mode 0600: users' details and chat text.
 *
 * @module
 */
import {
  type ChatMessage,
  INVALID_BOT_OR_CUSTOMER_ID,
  isMyBotApiError,
  type MyBotClient,
} from "@mybot/core";
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

/** The output holds users' details and chat text: readable by its owner only, like the checkpoint. */
const OUTPUT_MODE = 0o600;

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
  /** Listed users whose id the client cannot send (a `skipped` record each). */
  skipped: number;
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
 * The line for a user MyBOT no longer knows (their history answered 1002, and a new listing of
 * the cohort no longer holds them): the export records them and goes on. Messages of theirs read
 * before (if any) stay above it.
 *
 * @example
 * ```ts
 * exportMissingLine("919812345678"); // {"type":"missing","channelUserId":"919812345678","code":1002,"error":"INVALID_BOT_OR_CUSTOMER_ID"}\n
 * ```
 */
export function exportMissingLine(channelUserId: string, errorName = "INVALID_BOT_OR_CUSTOMER_ID") {
  return `${JSON.stringify({ type: "missing", channelUserId, code: INVALID_BOT_OR_CUSTOMER_ID, error: errorName })}\n`;
}

/**
 * The line for a listed user whose id the client refuses to send (empty, `.`, `..`, a control
 * character): their history cannot be asked for, by this export or any other.
 *
 * @example
 * ```ts
 * exportSkippedLine("..", 'channelUserId must not be "." or ".."'); // {"type":"skipped","channelUserId":"..","reason":"…"}\n
 * ```
 */
export function exportSkippedLine(channelUserId: string, reason: string): string {
  return `${JSON.stringify({ type: "skipped", channelUserId, reason })}\n`;
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
  // One listing per run: the user records for the output, and on a fresh export the user order.
  let listed: Awaited<ReturnType<typeof listCohort>>;
  if (!options.restart && fs.existsSync(checkpointPath)) {
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
    // An empty output without a checkpoint is what a kill between creating the output and the
    // first checkpoint leaves: nothing in it to lose, so it is no reason to ask for --force.
    const kept = fs.existsSync(options.out) && fs.statSync(options.out).size > 0;
    if (kept && !options.force && !options.restart)
      throw new UsageError(`${options.out} exists; add --force to overwrite it`);
    listed = await listCohort(options.attributeName, options.attributeValue);
    // Only now that the cohort is listed: a --restart whose listing fails keeps the progress.
    if (options.restart) {
      fs.rmSync(checkpointPath, { force: true });
      fs.rmSync(`${checkpointPath}.tmp`, { force: true });
    }
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
      skipped: 0,
    };
    fs.writeFileSync(options.out, "", { mode: OUTPUT_MODE });
    writeCheckpoint(checkpointPath, checkpoint, fs);
  }

  /**
   * A history's 1002 after a request was sent means the user is gone only if the bot still
   * answers and no longer lists them: the same code says the bot or customer id went invalid,
   * and then writing every remaining user off would lose the rest of the cohort. A listing that
   * fails throws, and the checkpoint stays for the same command to resume.
   */
  const goneFromCohort = async (id: string) => {
    const now = await listCohort(checkpoint.attributeName, checkpoint.attributeValue);
    return !now.some((u) => u.channelUserId === id);
  };

  const fd = fs.openSync(options.out, "r+");
  try {
    // Users' details and chat text: nobody else's to read, whatever mode an older file had.
    fs.fchmodSync(fd, OUTPUT_MODE);
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
      try {
        // Inside the try: the core refuses an id it cannot send at this call.
        const history = client.iterateChatHistory(id, {
          startDate: checkpoint.since ?? undefined,
          endDate: checkpoint.until,
          pageSize: checkpoint.pageSize,
          resume: checkpoint.resume ?? undefined,
          signal: options.signal,
        });
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
        if (!(isMyBotApiError(error) && error.code === INVALID_BOT_OR_CUSTOMER_ID)) throw error;
        if (error.attempts === 0) {
          // The core refused the listed id before sending (empty, `.`, `..`, a control
          // character). Recorded as skipped, with the reason, and the export goes on: the id
          // can never be asked for, so failing would only block every user after it on each
          // run, while the line keeps the user in the output and says why they have no history.
          write(exportSkippedLine(id, error.message));
          checkpoint.skipped = (checkpoint.skipped ?? 0) + 1;
        } else {
          if (!(await goneFromCohort(id))) throw error;
          write(exportMissingLine(id, error.errorName));
          checkpoint.missing = (checkpoint.missing ?? 0) + 1;
        }
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
    skipped: checkpoint.skipped ?? 0,
    resumed,
  };
}

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
import {
  closeSync,
  existsSync,
  fstatSync,
  ftruncateSync,
  openSync,
  rmSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import type { ChatMessage, MyBotClient } from "@mybot/core";
import { UsageError } from "./config.ts";
import {
  CHECKPOINT_VERSION,
  type Checkpoint,
  readCheckpoint,
  writeCheckpoint,
} from "./export-checkpoint.ts";
import { toMessageRecord } from "./message-record.ts";

export interface ExportOptions {
  attributeName: string;
  attributeValue: string;
  since?: number | undefined;
  until?: number | undefined;
  out: string;
  force?: boolean;
  pageSize?: number;
  signal?: AbortSignal;
  now?: () => number;
  /** Called after every page. */
  onProgress?: (progress: { user: number; users: number; messages: number }) => void;
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
 * @example
 * ```ts
 * await exportCohort(client, { attributeName: "plan", attributeValue: "gold", out: "gold.ndjson" });
 * ```
 */
export async function exportCohort(client: MyBotClient, options: ExportOptions) {
  const checkpointPath = `${options.out}.checkpoint.json`;
  let checkpoint: Checkpoint;
  let resumed = false;
  const listCohort = (attributeName: string, attributeValue: string) =>
    client.getMatchingUsers({ attributeName, attributeValue, signal: options.signal });
  // One listing per run: the user records for the output, and on a fresh export the user order.
  let listed: Awaited<ReturnType<typeof listCohort>>;
  if (existsSync(checkpointPath)) {
    checkpoint = readCheckpoint(checkpointPath);
    // The window and page size are the checkpoint's: `--since 7d` run again is a later instant,
    // and the resume position only means something in the window it was counted in.
    const same =
      checkpoint.attributeName === options.attributeName &&
      checkpoint.attributeValue === options.attributeValue;
    if (!same) {
      throw new UsageError(
        `${checkpointPath} belongs to another export (${checkpoint.attributeName}=${checkpoint.attributeValue}); delete it or choose another --out`,
      );
    }
    resumed = true;
    listed = await listCohort(checkpoint.attributeName, checkpoint.attributeValue);
  } else {
    if (existsSync(options.out) && !options.force)
      throw new UsageError(`${options.out} exists; add --force to overwrite it`);
    listed = await listCohort(options.attributeName, options.attributeValue);
    checkpoint = {
      version: CHECKPOINT_VERSION,
      attributeName: options.attributeName,
      attributeValue: options.attributeValue,
      since: options.since ?? null,
      until: options.until ?? (options.now ?? Date.now)(),
      pageSize: options.pageSize ?? 500,
      users: listed.map((u) => u.channelUserId),
      userIndex: 0,
      userStarted: false,
      resume: null,
      bytes: 0,
      messages: 0,
    };
    writeFileSync(options.out, "");
    writeCheckpoint(checkpointPath, checkpoint);
  }

  const fd = openSync(options.out, "r+");
  try {
    // Anything past the checkpoint is a page that was written but not recorded: drop it.
    if (fstatSync(fd).size !== checkpoint.bytes) ftruncateSync(fd, checkpoint.bytes);
    let position = checkpoint.bytes;
    const write = (text: string) => {
      position += writeSync(fd, text, position);
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
      // Chunks come oldest first whatever the server's order; each is recorded with the position
      // after it, so that a resumed walk starts at the first chunk not in the output.
      for await (const chunk of history.pages()) {
        let lines = "";
        for (const m of chunk.messages) lines += exportMessageLine(id, m);
        write(lines);
        checkpoint.messages += chunk.messages.length;
        checkpoint.userStarted = chunk.next !== null;
        checkpoint.resume = chunk.next;
        checkpoint.bytes = position;
        // A finished user is recorded as the next one not started, in the same atomic write.
        writeCheckpoint(
          checkpointPath,
          chunk.next === null ? { ...checkpoint, userIndex: checkpoint.userIndex + 1 } : checkpoint,
        );
        options.onProgress?.({
          user: checkpoint.userIndex + 1,
          users: checkpoint.users.length,
          messages: checkpoint.messages,
        });
      }
      checkpoint.userStarted = false;
      checkpoint.resume = null;
    }
  } finally {
    closeSync(fd);
  }
  rmSync(checkpointPath, { force: true });
  return { users: checkpoint.users.length, messages: checkpoint.messages, resumed };
}

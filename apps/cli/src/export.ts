/**
 * `mybot export`: every user of a cohort with their chat history, as NDJSON, the vendor's own use
 * case (conversations into a CRM or a warehouse). One page in memory at a time. A checkpoint
 * beside the output (`<out>.checkpoint.json`, replaced atomically after every page) lets an
 * interrupted export resume: the output is cut back to the last checkpoint, so no record is
 * lost or written twice.
 *
 * Records: `{"type":"user",...user}` then `{"type":"message","channelUserId",...message}` lines.
 *
 * @module
 */
import {
  closeSync,
  existsSync,
  fstatSync,
  ftruncateSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import type { MyBotClient } from "@mybot/core";
import { UsageError } from "./config.ts";

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

interface Checkpoint {
  version: 1;
  attributeName: string;
  attributeValue: string;
  since: number | null;
  until: number;
  /** Page numbers only mean something with the page size they were counted in. */
  pageSize: number;
  users: string[];
  userIndex: number;
  nextPage: number;
  bytes: number;
  messages: number;
}

function writeAtomically(path: string, data: string) {
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
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
    checkpoint = JSON.parse(readFileSync(checkpointPath, "utf8"));
    const same =
      checkpoint.attributeName === options.attributeName &&
      checkpoint.attributeValue === options.attributeValue &&
      (options.since === undefined || checkpoint.since === options.since || options.since === null);
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
      version: 1,
      attributeName: options.attributeName,
      attributeValue: options.attributeValue,
      since: options.since ?? null,
      // Pinned at the start, so that a resumed export reads the same range.
      until: options.until ?? (options.now ?? Date.now)(),
      pageSize: options.pageSize ?? 500,
      users: listed.map((u) => u.channelUserId),
      userIndex: 0,
      nextPage: 1,
      bytes: 0,
      messages: 0,
    };
    writeFileSync(options.out, "");
    writeAtomically(checkpointPath, JSON.stringify(checkpoint));
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
    for (
      ;
      checkpoint.userIndex < checkpoint.users.length;
      checkpoint.userIndex++, checkpoint.nextPage = 1
    ) {
      const id = checkpoint.users[checkpoint.userIndex] as string;
      if (checkpoint.nextPage === 1) {
        // A user who left the cohort since the export started keeps their place, with the id only.
        write(`${JSON.stringify({ type: "user", ...(byId.get(id) ?? { channelUserId: id }) })}\n`);
      }
      const pages = client.iterateChatHistory(id, {
        startDate: checkpoint.since ?? undefined,
        endDate: checkpoint.until,
        pageSize: checkpoint.pageSize,
        fromPage: checkpoint.nextPage,
        signal: options.signal,
      });
      for await (const page of pages.pages()) {
        let lines = "";
        for (const m of page.messages)
          lines += `${JSON.stringify({ type: "message", channelUserId: id, ...m })}\n`;
        write(lines);
        checkpoint.messages += page.messages.length;
        checkpoint.nextPage = page.pagination.pageNumber + 1;
        checkpoint.bytes = position;
        writeAtomically(checkpointPath, JSON.stringify(checkpoint));
        options.onProgress?.({
          user: checkpoint.userIndex + 1,
          users: checkpoint.users.length,
          messages: checkpoint.messages,
        });
      }
      checkpoint.bytes = position;
      writeAtomically(
        checkpointPath,
        JSON.stringify({ ...checkpoint, userIndex: checkpoint.userIndex + 1, nextPage: 1 }),
      );
    }
  } finally {
    closeSync(fd);
  }
  rmSync(checkpointPath, { force: true });
  return { users: checkpoint.users.length, messages: checkpoint.messages, resumed };
}

/**
 * One user of `mybot export`, read into parts of output: their `user` line with their first page,
 * then a part per page, each with the walk position after it, so that the writer can record any
 * part as the checkpoint's position. A user MyBOT no longer knows ends with a `missing` part, one
 * whose id cannot be sent with a `skipped` part.
 *
 * @module
 */
import { type HistoryResume, isMyBotApiError, type MyBotClient } from "@mybot/core";
import {
  exportMessageLine,
  exportMissingLine,
  exportSkippedLine,
  exportUserLine,
  INVALID_BOT_OR_CUSTOMER_ID,
} from "./export-lines.ts";
import type { Sized } from "./export-lookahead.ts";

/** Output of one user, as it goes to the file. */
export interface UserPart extends Sized {
  messages: number;
  /** Where this user's walk resumes after this part; null once the user is done. */
  next: HistoryResume | null;
  missing?: boolean;
  skipped?: boolean;
}

export interface ReadUserOptions {
  id: string;
  /** The user's record for their opening line; undefined when that line is already written. */
  user: { channelUserId: string } | undefined;
  since: number | null;
  until: number;
  pageSize: number;
  resume: HistoryResume | undefined;
  /** Pages the core asks for ahead of the one being written (its `prefetch`); 0 by default. */
  prefetch?: number | undefined;
  /** True when a new listing of the cohort no longer holds `id` (see export.ts). */
  goneFromCohort: (id: string, signal: AbortSignal) => Promise<boolean>;
}

const encode = (text: string) => Buffer.from(text, "utf8");

/**
 * @example
 * ```ts
 * for await (const part of readUser(client, { id, user, since: null, until, pageSize: 500, resume: undefined, goneFromCohort }, signal)) write(part.bytes);
 * ```
 */
export async function* readUser(
  client: MyBotClient,
  options: ReadUserOptions,
  signal: AbortSignal,
): AsyncGenerator<UserPart> {
  const { id } = options;
  // The opening line goes out with the first part, so that no part is a user without a position.
  let opening = options.user ? exportUserLine(options.user) : "";
  try {
    // Inside the try: the core refuses an id it cannot send at this call.
    const history = client.iterateChatHistory(id, {
      startDate: options.since ?? undefined,
      endDate: options.until,
      pageSize: options.pageSize,
      resume: options.resume,
      signal,
      prefetch: options.prefetch ?? 0,
    });
    // Chunks come oldest first whatever the server's order; each carries the position after it.
    for await (const chunk of history.pages()) {
      let lines = opening;
      opening = "";
      for (const m of chunk.messages) lines += exportMessageLine(id, m);
      yield { bytes: encode(lines), messages: chunk.messages.length, next: chunk.next };
    }
  } catch (error) {
    if (!(isMyBotApiError(error) && error.code === INVALID_BOT_OR_CUSTOMER_ID)) throw error;
    if (error.attempts === 0) {
      // The core refused the listed id before sending (empty, `.`, `..`, a control character).
      // Recorded as skipped, with the reason, and the export goes on: the id can never be asked
      // for, so failing would only block every user after it on each run, while the line keeps
      // the user in the output and says why they have no history.
      const line = exportSkippedLine(id, error.message);
      yield { bytes: encode(opening + line), messages: 0, next: null, skipped: true };
      return;
    }
    if (!(await options.goneFromCohort(id, signal))) throw error;
    const line = exportMissingLine(id, error.errorName);
    yield { bytes: encode(opening + line), messages: 0, next: null, missing: true };
  }
}

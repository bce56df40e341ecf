/**
 * Reads one user's new messages: from their cursor (inclusive; the repeats at the cursor are
 * dropped by id) or, the first time, from the backfill window, through @mybot/core's iterator,
 * folding each chunk into the cohort's working state as it arrives and marking the user changed.
 * The iterator yields chunks oldest first whatever order the server pages in, with the window's
 * end pinned for the walk, so the cursor only moves forward, and between chunks the user's
 * cursor and the counts agree: a commit there is always a consistent one.
 *
 * @module
 */
import type { MyBotClient } from "@mybot/core";
import { applyMessages } from "./apply.ts";
import type { ExporterConfig } from "./config.ts";
import { readFromCursor } from "./cursor.ts";
import type { CohortHandle } from "./state-store.ts";

/**
 * Reads and applies one user's new messages; returns how many were new. A read that completes
 * records `now` as the user's last read time.
 *
 * @example
 * ```ts
 * await collectUser(client, store.cohort("gold"), "919812345678", config, { now: Date.now(), afterPage: save });
 * ```
 */
export async function collectUser(
  client: MyBotClient,
  cohort: CohortHandle,
  channelUserId: string,
  config: Pick<ExporterConfig, "backfillMs" | "pageSize" | "sessionGapMs">,
  options: { now: number; signal?: AbortSignal; afterPage?: () => void },
): Promise<number> {
  const user = cohort.read(channelUserId);
  const startDate =
    user.cursor ?? (config.backfillMs === undefined ? undefined : options.now - config.backfillMs);
  let applied = 0;
  // One read for the whole walk: a boundary's repeats may be split across its chunks.
  const read = readFromCursor(user);
  const history = client.iterateChatHistory(channelUserId, {
    startDate,
    // The window ends when the read begins, on the exporter's clock (what lastReadAt records, and
    // a simulation's virtual time), after the start as the API requires; the client would pin
    // the wall clock's now, the same outside a simulation.
    endDate: Math.max(options.now, (startDate ?? 0) + 1),
    pageSize: config.pageSize,
    signal: options.signal,
    // A read always runs to its end, where one page ahead costs no extra request (core README,
    // "Prefetch"): the next page then travels while this one is folded in and maybe committed.
    // A one-page read, most of them, is the same either way. More ahead would only queue in the
    // budget, and could ask past the end.
    prefetch: 1,
  });
  for await (const chunk of history.pages()) {
    const added = applyMessages(cohort.counts, user, chunk.messages, config.sessionGapMs, read);
    if (added > 0) cohort.changed(channelUserId, user);
    applied += added;
    options.afterPage?.();
  }
  user.lastReadAt = options.now;
  cohort.changed(channelUserId, user);
  return applied;
}

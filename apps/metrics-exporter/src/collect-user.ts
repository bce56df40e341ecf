/**
 * Reads one user's new messages: from their cursor (inclusive; the repeats at the cursor are
 * dropped by id) or, the first time, from the backfill window, through @mybot/core's iterator,
 * folding each chunk into the cohort's state as it arrives. The iterator yields chunks oldest
 * first whatever order the server pages in, with the window's end pinned for the walk, so the
 * cursor only moves forward and a state saved between chunks is always a consistent one.
 *
 * @module
 */
import type { MyBotClient } from "@mybot/core";
import { applyMessages, newUser } from "./apply.ts";
import type { ExporterConfig } from "./config.ts";
import { readFromCursor } from "./cursor.ts";
import type { CohortState } from "./state.ts";

/**
 * Reads and applies one user's new messages; returns how many were new.
 *
 * @example
 * ```ts
 * await collectUser(client, cohortState, "919812345678", config, { now: Date.now(), afterPage: save });
 * ```
 */
export async function collectUser(
  client: MyBotClient,
  cohort: CohortState,
  channelUserId: string,
  config: Pick<ExporterConfig, "backfillMs" | "pageSize" | "sessionGapMs">,
  options: { now: number; signal?: AbortSignal; afterPage?: () => void },
): Promise<number> {
  const user = cohort.users[channelUserId] ?? newUser();
  cohort.users[channelUserId] = user;
  const startDate =
    user.cursor ?? (config.backfillMs === undefined ? undefined : options.now - config.backfillMs);
  let applied = 0;
  // One read for the whole walk: a boundary's repeats may be split across its chunks.
  const read = readFromCursor(user);
  const history = client.iterateChatHistory(channelUserId, {
    startDate,
    pageSize: config.pageSize,
    signal: options.signal,
  });
  for await (const chunk of history.pages()) {
    applied += applyMessages(cohort, user, chunk.messages, config.sessionGapMs, read);
    options.afterPage?.();
  }
  return applied;
}

/**
 * Reads one user's new messages: from their cursor (inclusive; the repeats at the cursor are
 * dropped by id) or, the first time, from the backfill window, through @mybot/core's iterator,
 * folding each page into the cohort's state as it arrives.
 *
 * @module
 */
import type { MyBotClient } from "@mybot/core";
import { applyMessages, newUser } from "./apply.ts";
import type { ExporterConfig } from "./config.ts";
import type { CohortState } from "./state.ts";

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
  const history = client.iterateChatHistory(channelUserId, {
    startDate,
    pageSize: config.pageSize,
    signal: options.signal,
  });
  for await (const page of history.pages()) {
    applied += applyMessages(cohort, user, page.messages, config.sessionGapMs);
    options.afterPage?.();
  }
  return applied;
}

/**
 * Folds new messages into a cohort's state: message counts by sender, conversations split by the
 * session gap, the bot's response latency (a user message to the next bot message), and the
 * cursor that makes the next read incremental. Messages come oldest first, as @mybot/core's
 * iterator yields them whatever the server's order; which of them are new is the cursor's call
 * (cursor.ts), so a message is counted exactly once however reads and pages fall.
 *
 * @module
 */
import type { ChatMessage } from "@mybot/core";
import { type CursorRead, readFromCursor } from "./cursor.ts";
import { metricSender } from "./sender.ts";
import { type CohortState, LATENCY_BUCKETS, type UserState } from "./state.ts";

/**
 * A user seen for the first time: no cursor, so the first read starts at the backfill window.
 *
 * @example
 * ```ts
 * const user = cohort.read(id); // newUser() when the store has none
 * ```
 */
export function newUser(): UserState {
  return {
    cursor: null,
    idsAtCursor: [],
    lastAt: null,
    pendingUserAt: null,
    lastUserMessageAt: null,
    left: false,
    lastReadAt: null,
  };
}

/**
 * Applies the new ones of some messages; returns how many were new. Pass the same `read` for
 * every chunk of one walk (a read spans pages); without one, the messages are a read of their own.
 *
 * @example
 * ```ts
 * const read = readFromCursor(user);
 * for await (const chunk of history.pages()) applyMessages(cohort, user, chunk.messages, gap, read);
 * ```
 */
export function applyMessages(
  cohort: CohortState,
  user: UserState,
  messages: readonly ChatMessage[],
  sessionGapMs: number,
  read: CursorRead = readFromCursor(user),
): number {
  let applied = 0;
  for (const m of messages) {
    if (!read.admit(m)) continue;
    const sender = metricSender(m.sender);
    cohort.messages[sender]++;
    cohort.lastMessageAt[sender] = Math.max(cohort.lastMessageAt[sender] ?? 0, m.timestamp);
    if (user.lastAt === null || m.timestamp - user.lastAt > sessionGapMs) cohort.conversations++;
    user.lastAt = m.timestamp;
    if (sender === "user") {
      user.pendingUserAt ??= m.timestamp;
      user.lastUserMessageAt = m.timestamp;
    } else if (sender === "bot" && user.pendingUserAt !== null) {
      observeLatency(cohort, (m.timestamp - user.pendingUserAt) / 1000);
      user.pendingUserAt = null;
    } else if (sender === "agent") {
      // A human took over: the bot did not answer this one.
      user.pendingUserAt = null;
    }
    applied++;
  }
  return applied;
}

function observeLatency(cohort: CohortState, seconds: number) {
  const i = LATENCY_BUCKETS.findIndex((bound) => seconds <= bound);
  if (i >= 0) cohort.latency.buckets[i] = (cohort.latency.buckets[i] ?? 0) + 1;
  cohort.latency.sum += seconds;
  cohort.latency.count++;
}

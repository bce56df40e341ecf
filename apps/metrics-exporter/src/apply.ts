/**
 * Folds new messages into a cohort's state: message counts by sender, conversations split by the
 * session gap, the bot's response latency (a user message to the next bot message), and the
 * cursor that makes the next read incremental. Messages must come in the API's order (oldest
 * first, ties by id); a message at or behind the cursor that was already applied is skipped.
 *
 * @module
 */
import type { ChatMessage } from "@mybot/core";
import { type CohortState, LATENCY_BUCKETS, type Sender, type UserState } from "./state.ts";

export function newUser(): UserState {
  return {
    cursor: null,
    idsAtCursor: [],
    lastAt: null,
    pendingUserAt: null,
    lastUserMessageAt: null,
  };
}

/** Applies messages; returns how many were new. */
export function applyMessages(
  cohort: CohortState,
  user: UserState,
  messages: ChatMessage[],
  sessionGapMs: number,
): number {
  let applied = 0;
  for (const m of messages) {
    if (
      user.cursor !== null &&
      (m.timestamp < user.cursor ||
        (m.timestamp === user.cursor && user.idsAtCursor.includes(m.id)))
    )
      continue;
    const sender = (["user", "bot", "agent"].includes(m.sender) ? m.sender : "user") as Sender;
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
    if (user.cursor === null || m.timestamp > user.cursor) {
      user.cursor = m.timestamp;
      user.idsAtCursor = [m.id];
    } else user.idsAtCursor.push(m.id);
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

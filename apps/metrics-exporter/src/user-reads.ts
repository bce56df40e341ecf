/**
 * One user's read as the collector runs it (collect-user.ts does the reading): its failure
 * recorded by reason and in the cohort's failing users, its changes committed at most once a
 * second, and the user's newest message handed to the schedule. Also when a "poll" is complete:
 * every cohort listed by the last listing round, and every user it listed read at least once
 * (or tried): the moment `mybot_last_successful_poll_timestamp_seconds` records and `/readyz`
 * waits for, so that neither claims counts that are still missing whole users.
 *
 * @module
 */
import type { MyBotClient } from "@mybot/core";
import type { Clock } from "./clock.ts";
import { type CohortMembers, splitKey } from "./cohort-members.ts";
import { collectUser } from "./collect-user.ts";
import type { ExporterConfig } from "./config.ts";
import type { ExporterStatus } from "./metrics.ts";
import { pollErrorReason } from "./poll-errors.ts";
import type { ReadSchedule } from "./read-schedule.ts";
import type { StateStore } from "./state-store.ts";

/** Commits at most this often while reads go on: the lead a crash can take back, and its cost. */
const COMMIT_EVERY_MS = 1_000;

export interface CollectorContext {
  config: ExporterConfig;
  client: MyBotClient;
  store: StateStore;
  log: (line: string) => void;
  clock: Clock;
  signal: AbortSignal;
  status: ExporterStatus;
  members: CohortMembers;
  /** Runs before each commit: to fold counters kept elsewhere (the budget's) into the state. */
  beforeCommit?: () => void;
}

export interface UserReader {
  /** Reads one user (a schedule key); resolves with their newest message time, if any. */
  read(key: string): Promise<number | undefined>;
  /**
   * Commits, unless another unforced one did less than a second ago (`force`: regardless).
   * True when it committed.
   */
  save(force?: boolean): boolean;
  /** A reason for a failed read of MyBOT, counted in `mybot_poll_errors_total`. */
  failed(error: unknown): void;
  /**
   * A listing round ended: every cohort listed, or not. `committed`: the caller committed it
   * just before, with nothing changed since, so completing the poll needs no commit of its own.
   */
  listed(all: boolean, committed: boolean): void;
}

/**
 * @example
 * ```ts
 * const reader = createUserReader(context);
 * const newest = await reader.read(userKey("gold", "919812345678"));
 * ```
 */
export function createUserReader(context: CollectorContext): UserReader {
  const { config, client, store, log, clock, signal, status, members } = context;
  let lastSave = Number.NEGATIVE_INFINITY;
  let listedAll = false;
  // Complete means counted, and what is shown is what is committed: commit first, unless the
  // caller's own commit just did, when a second would write nothing new.
  const complete = (committed: boolean) => {
    if (!listedAll || members.awaiting > 0 || signal.aborted) return;
    if (!committed) reader.save(true);
    status.lastSuccessfulPollAt = clock.now();
  };
  const reader: UserReader = {
    save(force = false) {
      if (!force && clock.now() - lastSave < COMMIT_EVERY_MS) return false;
      let committed = false;
      try {
        context.beforeCommit?.();
        store.commit();
        status.lastStateSaveAt = clock.now();
        committed = true;
      } catch (error) {
        // The exposition keeps the last commit; the next one carries the lead over. The count of
        // failures lives in memory only: it is the one thing a failing commit cannot keep.
        status.stateSaveErrors = (status.stateSaveErrors ?? 0) + 1;
        log(`state: cannot save to ${config.statePath}: ${(error as Error).message}`);
      }
      // Forced commits (a listing round's end, a completed poll) leave the pace of the others.
      if (!force) lastSave = clock.now();
      return committed;
    },
    failed(error) {
      const reason = pollErrorReason(error);
      store.pollErrors[reason] = (store.pollErrors[reason] ?? 0) + 1;
    },
    listed(all, committed) {
      listedAll = all;
      complete(committed);
    },
    async read(key) {
      const [cohort, id] = splitKey(key);
      const handle = store.cohort(cohort);
      let ok = false;
      try {
        const options = { now: clock.now(), signal, afterPage: () => reader.save() };
        await collectUser(client, handle, id, config, options);
        ok = true;
        return handle.read(id).lastAt ?? undefined;
      } catch (error) {
        if (!signal.aborted) {
          reader.failed(error);
          log(`read: history of a ${cohort} user failed: ${(error as Error).message}`);
        }
        throw error;
      } finally {
        if (!signal.aborted) {
          const first = members.attempted(cohort, id, ok);
          status.failingUsers = { ...status.failingUsers, [cohort]: members.failingIn(cohort) };
          const committed = reader.save();
          // The last user waiting for a first read completes the poll.
          if (first && members.awaiting === 0) complete(committed);
        }
      }
    },
  };
  return reader;
}

/**
 * Reads every tracked user of the cohorts named once, due or not, `concurrency` at a time (the
 * budget, in the client's fetch, paces them): `collector.poll()`'s second half.
 *
 * @example
 * ```ts
 * await readEveryone(context, reader, schedule, await listCohorts(context, reader));
 * ```
 */
export async function readEveryone(
  context: CollectorContext,
  reader: UserReader,
  schedule: ReadSchedule,
  cohorts: ReadonlySet<string>,
): Promise<void> {
  const keys = context.members.keys(cohorts).filter((key) => schedule.takeKey(key));
  let next = 0;
  const worker = async () => {
    while (next < keys.length) {
      const key = keys[next++] as string;
      const readAt = context.clock.now();
      await reader.read(key).then(
        (newest) => schedule.done(key, readAt, newest),
        () => schedule.failed(key, context.clock.now()),
      );
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(context.config.concurrency, keys.length) }, worker),
  );
  reader.save(true);
}

/**
 * The background, incremental collector. Each poll lists every cohort's users, keeps this
 * shard's, and reads each user's history from their cursor through @mybot/core's iterator, a few
 * users at a time. A scrape never waits on it. What the reads changed is committed to the state
 * store (state-store.ts) at most every second during a poll, and at its end, and only what a
 * commit holds is published to the exposition: a crash, kill -9 included, can then never take
 * back a count that a scrape has seen.
 *
 * @module
 */
import type { MyBotClient } from "@mybot/core";
import { collectUser } from "./collect-user.ts";
import type { ExporterConfig } from "./config.ts";
import type { ExporterStatus } from "./metrics.ts";
import { pollErrorReason } from "./poll-errors.ts";
import { ownsUser } from "./shard.ts";
import type { ExporterState } from "./state.ts";
import type { StateStore } from "./state-store.ts";

/** Commits at most this often during a poll: the lead a crash can take back, and its cost. */
const COMMIT_EVERY_MS = 1_000;

export interface Collector {
  /** One poll; resolves when it is done (failures are recorded, not thrown). */
  poll(): Promise<void>;
  /** Polls now and then every interval, until stopped. */
  start(): void;
  stop(): Promise<void>;
  status: ExporterStatus;
  /**
   * The counters as last committed: what the exposition shows. The working state runs ahead of
   * it between commits, and a crash would take that lead back.
   */
  readonly published: ExporterState;
}

async function eachLimited<T>(items: T[], limit: number, fn: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await fn(items[next++] as T);
    }),
  );
}

/** Forgets the cohorts no longer configured: their series go, and their cursors with them. */
function dropUnconfigured(store: StateStore, config: ExporterConfig, log: (l: string) => void) {
  for (const name of store.dropCohortsExcept(config.cohorts.map((c) => c.name)))
    log(`state: dropped cohort ${name}, which the configuration no longer has`);
}

/**
 * @example
 * ```ts
 * const collector = createCollector(config, client, openStateStore(dir, file, legacyFile), log);
 * collector.start();
 * ```
 */
export function createCollector(
  config: ExporterConfig,
  client: MyBotClient,
  store: StateStore,
  log: (line: string) => void,
  now: () => number = Date.now,
): Collector {
  const status: ExporterStatus = {
    up: false,
    lastSuccessfulPollAt: null,
    lastPollDurationMs: null,
    polls: 0,
    failingUsers: {},
    stateSaveErrors: 0,
    lastStateSaveAt: null,
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;
  // Shared by every worker's request: the client keeps one listener on it however many there are.
  const controller = new AbortController();
  dropUnconfigured(store, config, log);
  const pollErrors = store.pollErrors;
  let lastSave = 0;
  const save = (force = false) => {
    if (!force && now() - lastSave < COMMIT_EVERY_MS) return;
    try {
      store.commit();
      status.lastStateSaveAt = now();
    } catch (error) {
      // The exposition keeps the last commit; the next one carries the lead over. The count of
      // failures lives in memory only: it is the one thing a failing commit cannot keep.
      status.stateSaveErrors = (status.stateSaveErrors ?? 0) + 1;
      log(`state: cannot save to ${config.statePath}: ${(error as Error).message}`);
    }
    lastSave = now();
  };
  const failed = (error: unknown) => {
    const reason = pollErrorReason(error);
    pollErrors[reason] = (pollErrors[reason] ?? 0) + 1;
  };

  async function pollOnce(): Promise<void> {
    const started = now();
    let listingFailures = 0;
    let historyFailures = 0;
    for (const cohort of config.cohorts) {
      const cohortState = store.cohort(cohort.name);
      let ids: string[];
      try {
        const users = await client.getMatchingUsers({
          attributeName: cohort.attributeName,
          attributeValue: cohort.attributeValue,
          signal: controller.signal,
        });
        ids = users
          .map((u) => u.channelUserId)
          .filter((id) => ownsUser(id, config.shard, config.totalShards));
      } catch (error) {
        if (controller.signal.aborted) break;
        listingFailures++;
        failed(error);
        log(`poll: listing cohort ${cohort.name} failed: ${(error as Error).message}`);
        continue;
      }
      store.setMembers(cohort.name, ids);
      let failing = 0;
      await eachLimited(ids, config.concurrency, async (id) => {
        if (controller.signal.aborted) return;
        try {
          await collectUser(client, cohortState, id, config, {
            now: started,
            signal: controller.signal,
            afterPage: () => save(),
          });
        } catch (error) {
          if (controller.signal.aborted) return;
          failing++;
          failed(error);
          log(`poll: history of a ${cohort.name} user failed: ${(error as Error).message}`);
        }
      });
      if (controller.signal.aborted) break;
      // A cohort whose listing failed keeps its last figure: none of its users were read.
      status.failingUsers = { ...status.failingUsers, [cohort.name]: failing };
      historyFailures += failing;
    }
    save(true);
    try {
      store.checkpoint();
    } catch (error) {
      log(`state: cannot checkpoint ${config.statePath}: ${(error as Error).message}`);
    }
    // Stopped mid-poll: what was read is saved, but the poll says nothing of MyBOT.
    if (controller.signal.aborted) return;
    status.polls++;
    status.lastPollDurationMs = now() - started;
    // mybot_up says MyBOT could be reached and listed; one user's history failing says nothing
    // of that, and is reported in mybot_failing_users and mybot_poll_errors_total instead.
    status.up = listingFailures === 0;
    if (status.up) status.lastSuccessfulPollAt = now();
    else
      log(
        `poll: ${listingFailures} listings failed; metrics keep their last values and mybot_up is 0`,
      );
    if (historyFailures > 0)
      log(`poll: ${historyFailures} users' histories failed; their counts resume at the next poll`);
  }

  const collector: Collector = {
    status,
    get published() {
      return store.published;
    },
    poll() {
      running ??= pollOnce().finally(() => {
        running = undefined;
      });
      return running;
    },
    start() {
      const loop = async () => {
        await collector.poll().catch((error) => log(`poll failed: ${(error as Error).message}`));
        if (!stopped) timer = setTimeout(loop, config.pollIntervalMs);
      };
      void loop();
    },
    async stop() {
      // Once: the last commit closes the store.
      if (stopped) return;
      stopped = true;
      if (timer) clearTimeout(timer);
      controller.abort();
      await running?.catch(() => {});
      save(true);
      store.close();
    },
  };
  return collector;
}

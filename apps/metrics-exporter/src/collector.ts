/**
 * The background, incremental collector: two loops on one request budget. The listing loop
 * lists every cohort each `poll_interval` (keeping this shard's users) and tells the read
 * schedule who joined and who left; the read loop reads whoever the schedule says is most
 * urgent whenever the budget has a turn free, `concurrency` users at most at once, each from
 * their cursor through @mybot/core's iterator (collect-user.ts). A scrape never waits on either.
 * What the reads changed is committed to the state store at most once a second while reads go
 * on, and at the end of each listing round; only what a commit holds is published, so a crash,
 * kill -9 included, can never take back a count that a scrape has seen.
 *
 * @module
 */
import type { MyBotClient } from "@mybot/core";
import { type Clock, wallClock } from "./clock.ts";
import { CohortMembers } from "./cohort-members.ts";
import type { ExporterConfig } from "./config.ts";
import { listCohorts } from "./list-cohorts.ts";
import type { ExporterStatus } from "./metrics.ts";
import { runReadLoop } from "./read-loop.ts";
import { ReadSchedule } from "./read-schedule.ts";
import type { RequestBudget } from "./request-budget.ts";
import type { ExporterState } from "./state.ts";
import type { StateStore } from "./state-store.ts";
import { createUserReader, readEveryone } from "./user-reads.ts";

export interface Collector {
  /**
   * One full pass, for tests and benchmarks: lists every cohort, then reads every tracked user
   * of the cohorts listed once, due or not. Resolves when done (failures are recorded, not
   * thrown).
   */
  poll(): Promise<void>;
  /** Starts the listing loop and the read loop, until stopped. */
  start(): void;
  stop(): Promise<void>;
  status: ExporterStatus;
  /**
   * The counters as last committed: what the exposition shows. The working state runs ahead of
   * it between commits, and a crash would take that lead back.
   */
  readonly published: ExporterState;
  readonly schedule: ReadSchedule;
  readonly members: CohortMembers;
}

export interface CollectorOptions {
  /** Epoch ms and sleeps for the schedule, the reads and the commits. Default: the wall clock. */
  clock?: Clock;
  /** The budget the client's fetch spends: users are taken only when it has a turn free. */
  budget?: Pick<RequestBudget, "whenFree">;
  /** Runs before each commit, to fold counters kept elsewhere into the store's. */
  beforeCommit?: () => void;
}

/** Forgets the cohorts no longer configured: their series go, and their cursors with them. */
function dropUnconfigured(store: StateStore, config: ExporterConfig, log: (l: string) => void) {
  for (const name of store.dropCohortsExcept(config.cohorts.map((c) => c.name)))
    log(`state: dropped cohort ${name}, which the configuration no longer has`);
}

/**
 * @example
 * ```ts
 * const budget = createRequestBudget({ requestsPerSecond: config.maxRequestsPerSecond });
 * const client = createMyBotClient({ ...settings, fetch: budgetedFetch(budget, measuredFetch(store.api)) });
 * const collector = createCollector(config, client, store, console.log, { budget });
 * collector.start();
 * ```
 */
export function createCollector(
  config: ExporterConfig,
  client: MyBotClient,
  store: StateStore,
  log: (line: string) => void,
  options: CollectorOptions = {},
): Collector {
  const clock = options.clock ?? wallClock;
  const status: ExporterStatus = {
    up: false,
    lastSuccessfulPollAt: null,
    lastPollDurationMs: null,
    polls: 0,
    failingUsers: {},
    stateSaveErrors: 0,
    lastStateSaveAt: null,
  };
  // One signal for every request: the client keeps one listener on it however many there are.
  const controller = new AbortController();
  const signal = controller.signal;
  dropUnconfigured(store, config, log);
  const schedule = new ReadSchedule({
    maxStalenessMs: config.maxStalenessMs,
    minIntervalMs: config.minReadIntervalMs,
  });
  const members = new CohortMembers(schedule);
  for (const c of config.cohorts) members.seed(c.name, store.index.get(c.name), clock.now());
  const { beforeCommit } = options;
  const context = { config, client, store, log, clock, signal, status, members, beforeCommit };
  const reader = createUserReader(context);
  let loops: Promise<unknown> | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;

  async function listingLoop() {
    while (!signal.aborted) {
      const started = clock.now();
      await listCohorts(context, reader).catch((e) => log(`listing failed: ${e.message}`));
      await clock.sleep(Math.max(0, started + config.pollIntervalMs - clock.now()), signal);
    }
  }

  const collector: Collector = {
    status,
    schedule,
    members,
    get published() {
      return store.published;
    },
    poll() {
      running ??= (async () => {
        const listed = await listCohorts(context, reader);
        // A cohort whose listing failed is not read either, as before the schedule: a pass
        // against a failing MyBOT ends at once rather than after every user's retries.
        if (!signal.aborted) await readEveryone(context, reader, schedule, listed);
      })().finally(() => {
        running = undefined;
      });
      return running;
    },
    start() {
      if (loops || stopped) return;
      const reads = runReadLoop({
        schedule,
        budget: options.budget ?? { whenFree: async () => {} },
        clock,
        concurrency: config.concurrency,
        signal,
        read: (key) => reader.read(key),
      });
      loops = Promise.allSettled([listingLoop(), reads]).then((results) => {
        for (const r of results)
          if (r.status === "rejected" && !signal.aborted) log(`collector: ${r.reason}`);
      });
    },
    async stop() {
      // Once: the last commit closes the store.
      if (stopped) return;
      stopped = true;
      controller.abort();
      await Promise.allSettled([loops, running]);
      reader.save(true);
      store.close();
    },
  };
  return collector;
}

/**
 * The background, incremental collector. Each poll lists every cohort's users, keeps this
 * shard's, and reads each user's history from their cursor through @mybot/core's iterator, a few
 * users at a time. A scrape never waits on it. The state is saved atomically every few seconds
 * during a poll and at its end.
 *
 * @module
 */
import type { MyBotClient } from "@mybot/core";
import { collectUser } from "./collect-user.ts";
import type { ExporterConfig } from "./config.ts";
import type { ExporterStatus } from "./metrics.ts";
import { ownsUser } from "./shard.ts";
import { type ExporterState, emptyCohort, saveState, stateFile } from "./state.ts";

export interface Collector {
  /** One poll; resolves when it is done (failures are recorded, not thrown). */
  poll(): Promise<void>;
  /** Polls now and then every interval, until stopped. */
  start(): void;
  stop(): Promise<void>;
  status: ExporterStatus;
}

async function eachLimited<T>(items: T[], limit: number, fn: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await fn(items[next++] as T);
    }),
  );
}

/**
 * @example
 * ```ts
 * const collector = createCollector(config, client, state, log);
 * collector.start();
 * ```
 */
export function createCollector(
  config: ExporterConfig,
  client: MyBotClient,
  state: ExporterState,
  log: (line: string) => void,
  now: () => number = Date.now,
): Collector {
  const status: ExporterStatus = {
    up: false,
    lastSuccessfulPollAt: null,
    lastPollDurationMs: null,
    polls: 0,
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;
  const controller = new AbortController();
  let lastSave = 0;
  const save = (force = false) => {
    if (!force && now() - lastSave < 5_000) return;
    saveState(config.statePath, state, stateFile(config.shard, config.totalShards));
    lastSave = now();
  };

  async function pollOnce(): Promise<void> {
    const started = now();
    let failures = 0;
    for (const cohort of config.cohorts) {
      state.cohorts[cohort.name] ??= emptyCohort();
      const cohortState = state.cohorts[cohort.name] as ReturnType<typeof emptyCohort>;
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
        failures++;
        log(`poll: listing cohort ${cohort.name} failed: ${(error as Error).message}`);
        continue;
      }
      cohortState.userCount = ids.length;
      await eachLimited(ids, config.concurrency, async (id) => {
        if (controller.signal.aborted) return;
        try {
          await collectUser(client, cohortState, id, config, {
            now: started,
            signal: controller.signal,
            afterPage: () => save(),
          });
        } catch (error) {
          failures++;
          if (!controller.signal.aborted)
            log(`poll: history of a ${cohort.name} user failed: ${(error as Error).message}`);
        }
      });
    }
    save(true);
    status.polls++;
    status.lastPollDurationMs = now() - started;
    status.up = failures === 0;
    if (status.up) status.lastSuccessfulPollAt = now();
    else log(`poll: ${failures} failures; metrics keep their last values and mybot_up is 0`);
  }

  const collector: Collector = {
    status,
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
      stopped = true;
      if (timer) clearTimeout(timer);
      controller.abort();
      await running?.catch(() => {});
      save(true);
    },
  };
  return collector;
}

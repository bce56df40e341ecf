/**
 * MyBOT in process on a virtual clock, for the scheduler's tests and the simulation bench: the
 * sandbox's app over an in-memory SQLite store, called as a `fetch` function (no sockets), its
 * "now" the fake clock's. It records the virtual time of every request that reaches it (the
 * server's view of the exporter's pace) and stamps the messages it is given with virtual time.
 *
 * @module
 */
import {
  createSandboxApp,
  createSqliteStore,
  DEMO_CREDENTIAL,
  openDatabase,
  type SeedMessage,
  toStoredMessages,
} from "@mybot/sandbox";
import type { FakeClock } from "../src/fake-clock.ts";

const { customerId, botKey, apiKey } = DEMO_CREDENTIAL;

export interface ServerRequest {
  /** Virtual ms when it reached the server. */
  at: number;
  endpoint: "users" | "history";
  /** The history's user, for a history request. */
  userId?: string;
}

/**
 * The most requests in any one-second window (sliding, not calendar seconds) from `from` on.
 *
 * @example
 * ```ts
 * maxInAnySecond([0, 400, 999, 1000]); // 3
 * ```
 */
export function maxInAnySecond(times: readonly number[], from = Number.NEGATIVE_INFINITY): number {
  let max = 0;
  let lo = 0;
  const list = times.filter((t) => t >= from);
  for (let hi = 0; hi < list.length; hi++) {
    while ((list[hi] as number) - (list[lo] as number) >= 1000) lo++;
    max = Math.max(max, hi - lo + 1);
  }
  return max;
}

/**
 * @example
 * ```ts
 * const mybot = await virtualMyBot(clock, { gold: ["9198000001"] });
 * createExporter(config, { fetch: mybot.fetch, clock });
 * ```
 */
export async function virtualMyBot(
  clock: FakeClock,
  cohorts: Record<string, string[]>,
  /** Virtual time each answer takes, after the request is recorded. */
  latencyMs = 0,
) {
  const store = createSqliteStore(await openDatabase(":memory:"));
  store.putKey({ key: apiKey, customerId, botKey, status: "active" });
  store.ensureBot(customerId, botKey);
  store.batch(() => {
    for (const [plan, ids] of Object.entries(cohorts))
      for (const channelUserId of ids)
        store.upsertUser(customerId, botKey, {
          channelUserId,
          channel: "whatsapp",
          name: null,
          attributes: { plan },
        });
  });
  const { app, faults } = createSandboxApp({ store, now: () => clock.now() });
  const requests: ServerRequest[] = [];
  const fetchFn = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const path = new URL(request.url).pathname;
    const history = /\/channel-user\/([^/]+)\/conversations$/.exec(path);
    requests.push(
      history
        ? { at: clock.now(), endpoint: "history", userId: decodeURIComponent(history[1] as string) }
        : { at: clock.now(), endpoint: "users" },
    );
    if (latencyMs > 0) await clock.sleep(latencyMs, request.signal);
    return app.fetch(request);
  }) as typeof fetch;
  return {
    fetch: fetchFn,
    faults,
    requests,
    settings: { baseUrl: "http://mybot.test", apiKey, customerId, botKey },
    /** Adds messages to a user's history, stamped now on the virtual clock unless they say. */
    say(userId: string, messages: Omit<SeedMessage, "timestamp">[], at = clock.now()) {
      const stamped = messages.map((m) => ({ timestamp: at, ...m }));
      return store.appendMessages(
        customerId,
        botKey,
        userId,
        toStoredMessages(customerId, botKey, userId, stamped),
      );
    },
    /** Messages of every sender in a plan's histories: the ground truth. */
    stats(plan: string) {
      const { messages } = store.stats(customerId, botKey, { name: "plan", value: plan });
      return messages.user + messages.bot + messages.agent;
    },
    close: () => store.close(),
  };
}

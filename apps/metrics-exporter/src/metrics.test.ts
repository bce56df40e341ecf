import { expect, it } from "vitest";
import { createApiStats } from "./api-metrics.ts";
import { createRegistry } from "./metrics.ts";
import { emptyCohort } from "./state.ts";
import { CohortIndex } from "./user-index.ts";

it("counts active users per window from the users' last messages", async () => {
  const now = Date.UTC(2024, 0, 31, 12);
  const cohort = emptyCohort();
  const users = new CohortIndex();
  const at = (agoMs: number | null, left = false) => ({
    lastMessageAt: null,
    lastReadAt: null,
    lastUserMessageAt: agoMs === null ? null : now - agoMs,
    left,
  });
  users.set("a", at(30 * 60_000));
  users.set("b", at(2 * 3_600_000));
  users.set("c", at(3 * 86_400_000));
  users.set("d", at(9 * 86_400_000));
  users.set("e", at(null));
  // Gone from the cohort's listing: not one of its active users, however recent.
  users.set("f", at(60_000, true));
  const registry = createRegistry(
    {
      state: { version: 1, cohorts: { gold: cohort } },
      activeUsers: (name, instants) =>
        name === "gold" ? users.activeSince(instants) : instants.map(() => 0),
      status: { up: true, lastSuccessfulPollAt: now, lastPollDurationMs: 10, polls: 1 },
      api: createApiStats(),
      shard: 0,
      totalShards: 1,
      version: "test",
      now: () => now,
    },
    "prometheus",
  );
  const text = await registry.metrics();
  expect(text).toContain('mybot_active_users{cohort="gold",window="1h"} 1');
  expect(text).toContain('mybot_active_users{cohort="gold",window="24h"} 2');
  expect(text).toContain('mybot_active_users{cohort="gold",window="7d"} 3');
});

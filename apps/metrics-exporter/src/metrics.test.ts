import { expect, it } from "vitest";
import { createApiStats } from "./api-metrics.ts";
import { newUser } from "./apply.ts";
import { createRegistry } from "./metrics.ts";
import { emptyCohort } from "./state.ts";

it("counts active users per window from the users' last messages", async () => {
  const now = Date.UTC(2024, 0, 31, 12);
  const cohort = emptyCohort();
  const at = (agoMs: number | null) => ({
    ...newUser(),
    lastUserMessageAt: agoMs === null ? null : now - agoMs,
  });
  cohort.users = {
    a: at(30 * 60_000),
    b: at(2 * 3_600_000),
    c: at(3 * 86_400_000),
    d: at(9 * 86_400_000),
    e: at(null),
  };
  const registry = createRegistry(
    {
      state: { version: 1, cohorts: { gold: cohort } },
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

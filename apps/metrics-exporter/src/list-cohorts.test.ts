import type { MyBotClient } from "@mybot/core";
import { describe, expect, it } from "vitest";
import { CohortMembers } from "./cohort-members.ts";
import type { ExporterConfig } from "./config.ts";
import { FakeClock } from "./fake-clock.ts";
import { listCohorts } from "./list-cohorts.ts";
import type { ExporterStatus } from "./metrics.ts";
import { ReadSchedule } from "./read-schedule.ts";
import type { StateStore } from "./state-store.ts";
import { createUserReader } from "./user-reads.ts";

/** A listing round over cohorts that list no one: the poll is complete as the round ends. */
function round(failingCommits: number) {
  const commits = { attempts: 0, made: 0 };
  const store = {
    pollErrors: {},
    setMembers() {},
    checkpoint() {},
    commit() {
      commits.attempts++;
      if (commits.attempts <= failingCommits) throw new Error("database or disk is full");
      commits.made++;
    },
  } as unknown as StateStore;
  const config = {
    cohorts: [{ name: "gold", attributeName: "plan", attributeValue: "gold" }],
    shard: 0,
    totalShards: 1,
    statePath: "/state",
  } as unknown as ExporterConfig;
  const client = { getMatchingUsers: async () => [] } as unknown as MyBotClient;
  const status: ExporterStatus = {
    up: false,
    lastSuccessfulPollAt: null,
    lastPollDurationMs: null,
    polls: 0,
    failingUsers: {},
    stateSaveErrors: 0,
    lastStateSaveAt: null,
  };
  const clock = new FakeClock(1_700_000_000_000);
  const members = new CohortMembers(new ReadSchedule({ maxStalenessMs: 1, minIntervalMs: 1 }));
  const signal = new AbortController().signal;
  const context = { config, client, store, log: () => {}, clock, signal, status, members };
  return { commits, status, run: () => listCohorts(context, createUserReader(context)) };
}

describe("a listing round", () => {
  it("commits once when it completes the poll, and shows the poll complete", async () => {
    const { commits, status, run } = round(0);
    await run();
    expect(commits).toEqual({ attempts: 1, made: 1 });
    expect(status).toMatchObject({
      up: true,
      polls: 1,
      lastSuccessfulPollAt: 1_700_000_000_000,
      lastStateSaveAt: 1_700_000_000_000,
      stateSaveErrors: 0,
    });
  });

  it("commits again to complete the poll when its own commit failed", async () => {
    const { commits, status, run } = round(1);
    await run();
    expect(commits).toEqual({ attempts: 2, made: 1 });
    expect(status).toMatchObject({
      lastSuccessfulPollAt: 1_700_000_000_000,
      lastStateSaveAt: 1_700_000_000_000,
      stateSaveErrors: 1,
    });
  });
});

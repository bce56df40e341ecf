/**
 * Exactly once, whatever the vendor's history body turns out to be: against the sandbox's
 * default (the observed shape: newest first, no ids, no page metadata, string timestamps) and
 * each unconfirmed part switched to its alternative, the counts equal the sandbox's ground truth
 * after a full read, after polls with new messages appended in between (bursts of identical
 * messages at one instant included, the case where fingerprint ids collide), and after a
 * restart from the saved state. Small pages make every read cross page boundaries.
 */
import type { SeedMessage } from "@mybot/sandbox";
import { HISTORY_SHAPE_VARIANTS } from "@mybot/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.ts";
import { createExporter } from "../src/exporter.ts";
import { COHORTS, CREDS, sample, startMyBot, writeConfig } from "./harness.ts";

let mybot: Awaited<ReturnType<typeof startMyBot>>;
beforeAll(async () => {
  mybot = await startMyBot();
});
afterAll(async () => {
  await mybot.setShape(HISTORY_SHAPE_VARIANTS[0]?.[1] ?? {});
  await mybot.close();
});

type Exporter = ReturnType<typeof createExporter>;

async function expectTruth(exporter: Exporter, when: string) {
  const text = await (
    await exporter.app.fetch(
      new Request("http://exporter/metrics", { headers: { accept: "text/plain" } }),
    )
  ).text();
  expect(sample(text, "mybot_up"), when).toBe(1);
  for (const cohort of COHORTS) {
    const truth = await mybot.truth(cohort);
    expect(
      sample(text, "mybot_users", { cohort: cohort.name }),
      `${when}: ${cohort.name} users`,
    ).toBe(truth.users);
    for (const sender of ["user", "bot", "agent"] as const) {
      expect(
        sample(text, "mybot_messages_total", { cohort: cohort.name, sender }),
        `${when}: ${cohort.name}/${sender}`,
      ).toBe(truth.messages[sender]);
    }
  }
}

let clock = Date.now();
/** A later instant than any message so far, so new messages land after every cursor. */
const later = () => {
  clock = Math.max(clock + 5, Date.now() - 2);
  return clock;
};
/** Waits until every message so far is in the past, so that the next poll's window holds it. */
async function untilPast() {
  while (Date.now() <= clock + 3) await new Promise((r) => setTimeout(r, 5));
}

/** New messages for a few users of each cohort, in the seed format. */
async function appendRound(users: string[], round: number) {
  for (const [i, id] of users.entries()) {
    const at = later();
    const messages: SeedMessage[] = [
      { timestamp: at, sender: "user", response: `question ${round}.${i}` },
      { timestamp: at + 1, sender: "agent", response: `taking over ${round}` },
      {
        timestamp: at + 1,
        sender: "agent",
        response: JSON.stringify({
          agentId: 7,
          PARTICIPATION_MESSAGE: "<strong>Ravi Rao</strong> joined the conversation",
        }),
        message_type: "AGENT_PARTICIPATION_STATUS",
      },
      // More identical messages at one instant than a page holds, last, so they sit at the cursor
      // and the next read splits them across pages differently: without ids, their fingerprints
      // are numbered per page only.
      ...Array.from({ length: 9 }, () => ({
        timestamp: at + 2,
        sender: "bot" as const,
        response: "One moment please.",
      })),
    ];
    await mybot.append(id, messages);
  }
  await untilPast();
}

describe.each(HISTORY_SHAPE_VARIANTS)("exactly once, served %s", (_, shape) => {
  beforeAll(() => mybot.setShape(shape));

  it("counts every message once across polls with new messages, and across a restart", async () => {
    const { path } = writeConfig({ page_size: 7, concurrency: 4 });
    const config = loadConfig(
      { ...CREDS, MYBOT_BASE_URL: mybot.url, MYBOT_EXPORTER_CONFIG: path },
      [],
    );
    const users = [
      ...(await mybot.cohortUsers(COHORTS[0] as (typeof COHORTS)[number])).slice(0, 3),
      ...(await mybot.cohortUsers(COHORTS[1] as (typeof COHORTS)[number])).slice(0, 2),
    ];

    let exporter = createExporter(config, { log: () => {} });
    await exporter.collector.poll();
    await expectTruth(exporter, "after the first poll");
    for (const round of [1, 2]) {
      await appendRound(users, round);
      await exporter.collector.poll();
      await expectTruth(exporter, `after poll ${round + 1}`);
    }
    await exporter.collector.poll();
    await expectTruth(exporter, "after a poll with nothing new");
    await exporter.collector.stop();

    await appendRound(users, 3);
    exporter = createExporter(config, { log: () => {} });
    await exporter.collector.poll();
    await expectTruth(exporter, "after a restart from the saved state");
    await exporter.collector.stop();
  });
});

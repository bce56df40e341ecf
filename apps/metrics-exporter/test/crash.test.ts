/**
 * kill -9 in the middle of polls, several times over: after a restart and a full poll, every
 * count equals the sandbox's ground truth, so no message was lost or counted twice.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { loadState } from "../src/state-db.ts";
import { startExporterProcess, waitFor } from "./exporter-process.ts";
import { COHORTS, sample, startMyBot, writeConfig } from "./harness.ts";

let mybot: Awaited<ReturnType<typeof startMyBot>>;
beforeAll(async () => {
  mybot = await startMyBot();
});
afterAll(() => mybot.close());

it("loses and doubles nothing across kill -9 mid-poll", async () => {
  // Small pages and a little latency make each poll long enough to be killed in the middle.
  mybot.sandbox.faults.set([{ endpoint: "history", type: "latency", latencyMs: 15 }]);
  const { path, statePath } = writeConfig({ page_size: 7, concurrency: 2 });
  let killedMidPoll = 0;
  for (const delay of [700, 1100, 900, 1300]) {
    const exporter = await startExporterProcess(mybot.url, path);
    await new Promise((r) => setTimeout(r, delay));
    await exporter.stop("SIGKILL");
    const saved = loadState(statePath);
    const total = (await mybot.truth(COHORTS[0] as never)).messages;
    const counted = saved.cohorts.gold?.messages;
    if (
      counted &&
      counted.user + counted.bot + counted.agent < total.user + total.bot + total.agent
    )
      killedMidPoll++;
  }
  expect(killedMidPoll).toBeGreaterThan(0);

  mybot.sandbox.faults.clear();
  const restartedAt = Date.now() / 1000;
  const exporter = await startExporterProcess(mybot.url, path);
  try {
    const text = await waitFor("a full poll after the restart", async () => {
      const body = await (await fetch(`${exporter.url}/metrics`)).text();
      return (sample(body, "mybot_last_successful_poll_timestamp_seconds") ?? 0) > restartedAt
        ? body
        : undefined;
    });
    for (const cohort of COHORTS) {
      const truth = await mybot.truth(cohort);
      for (const sender of ["user", "bot", "agent"]) {
        expect(
          sample(text, "mybot_messages_total", { cohort: cohort.name, sender }),
          `${cohort.name}/${sender}`,
        ).toBe(truth.messages[sender]);
      }
    }
  } finally {
    await exporter.stop();
  }
});

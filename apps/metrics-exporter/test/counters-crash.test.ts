/**
 * Counters never go back across a crash: a scrape, then kill -9, then a restart on the same state
 * file, and every counter and histogram sample of the restarted process's first scrape is at
 * least what the scrape before the kill showed. A proxy holds MyBOT's history answers back so
 * that each scrape before a kill falls in the middle of a poll, and the test proves it did: the
 * kill took back reads the exporter had made before that scrape (its live state was ahead of the
 * saved one), which a scrape of the live state would have shown and the restart then taken back.
 */
import type { SeedMessage } from "@mybot/sandbox";
import { afterAll, beforeAll, expect, it } from "vitest";
import { loadState } from "../src/state-db.ts";
import { startExporterProcess } from "./exporter-process.ts";
import { type GateProxy, startGateProxy } from "./gate-proxy.ts";
import { COHORTS, startMyBot, writeConfig } from "./harness.ts";

let mybot: Awaited<ReturnType<typeof startMyBot>>;
let gate: GateProxy;
beforeAll(async () => {
  mybot = await startMyBot();
  gate = await startGateProxy(mybot.url);
});
afterAll(async () => {
  await gate?.close();
  await mybot?.close();
});

/** Every sample of every counter and histogram in a Prometheus text exposition, by series. */
function counterSamples(text: string): Map<string, number> {
  const counters = new Set<string>();
  const samples = new Map<string, number>();
  for (const line of text.split("\n")) {
    const type = /^# TYPE (\S+) (counter|histogram)$/.exec(line);
    if (type) counters.add(type[1] as string);
    if (line === "" || line.startsWith("#")) continue;
    const series = line.slice(0, line.lastIndexOf(" "));
    const name = /^[^{ ]+/.exec(series)?.[0] ?? "";
    const family = name.replace(/_(bucket|sum|count)$/, "");
    if (counters.has(name) || counters.has(family))
      samples.set(series, Number(line.slice(line.lastIndexOf(" ") + 1)));
  }
  return samples;
}

const scrape = async (url: string) => (await fetch(`${url}/metrics`)).text();

/** A few new messages for some users of each cohort, so that every round has something to read. */
async function activity(round: number) {
  for (const cohort of COHORTS) {
    const at = Date.now() - 60_000;
    for (const id of (await mybot.cohortUsers(cohort)).slice(0, 10)) {
      const messages: SeedMessage[] = Array.from({ length: 12 }, (_, i) => ({
        timestamp: at + i * 1000,
        sender: i % 2 === 0 ? ("user" as const) : ("bot" as const),
        response: `round ${round} message ${i}`,
      }));
      await mybot.append(id, messages);
    }
  }
}

/** History requests in a state file, the exporter's reads as saved. */
const savedReads = (statePath: string) =>
  Object.entries(loadState(statePath).api?.requests ?? {})
    .filter(([key]) => key.startsWith("history\u0000"))
    .reduce((sum, [, n]) => sum + n, 0);

/**
 * Lets one more read through at a time until the state file holds fewer reads than were made:
 * the exporter is mid-poll with a lead a kill would take back. The file, not a scrape, decides,
 * so that the scrapes are judged only by the comparison across the restart.
 */
async function untilUnsavedReads(statePath: string, readsAtStart: number) {
  for (let attempt = 0; attempt < 20; attempt++) {
    await gate.settled();
    // The exporter counts a read when its answer arrives, a few milliseconds after it was sent.
    await new Promise((r) => setTimeout(r, 300));
    if (savedReads(statePath) - readsAtStart < gate.delivered) return;
    // A save caught every read so far (a poll's end, or its five-second save): one more page.
    await gate.closeAfter(1);
  }
  throw new Error("every read made was saved: no poll was caught in the middle");
}

it("never shows a counter value that a kill -9 takes back", async () => {
  const { path, statePath } = writeConfig({ page_size: 5, concurrency: 2 });
  gate.open();
  let exporter = await startExporterProcess(gate.url, path);
  let readsAtStart = 0;
  const compared: number[] = [];
  try {
    for (const round of [0, 1, 2]) {
      await activity(round);
      // The exporter is now waiting on a held answer, mid-poll, with reads it has not saved.
      await gate.closeAfter(8 + round * 5);
      await untilUnsavedReads(statePath, readsAtStart);
      const reads = gate.delivered;
      const before = counterSamples(await scrape(exporter.url));
      await exporter.stop("SIGKILL");
      const saved = savedReads(statePath);
      // The dangerous window was exercised: the kill took back reads made before the scrape.
      expect(saved - readsAtStart, `reads saved of ${reads} in round ${round + 1}`).toBeLessThan(
        reads,
      );

      readsAtStart = saved;
      gate.open();
      exporter = await startExporterProcess(gate.url, path);
      const after = counterSamples(await scrape(exporter.url));
      for (const [series, value] of before) {
        expect(after.get(series), `${series} after restart ${round + 1}`).toBeGreaterThanOrEqual(
          value,
        );
      }
      compared.push(
        [...before].filter(([s, v]) => s.startsWith("mybot_messages_total") && v > 0).length,
      );
    }
  } finally {
    gate.open();
    await exporter.stop();
  }
  // The comparison covered messages actually counted, not only empty series.
  expect(compared.some((n) => n > 0)).toBe(true);
});

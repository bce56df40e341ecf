/**
 * Counters never go back across a crash: a scrape, then kill -9, then a restart on the same state
 * file, and every counter and histogram sample of the restarted process's first scrape is at
 * least what the scrape before the kill showed. Polls are slowed so that the scrapes before the
 * kill fall in the middle of a poll, where counts not yet saved could otherwise be shown.
 */
import type { SeedMessage } from "@mybot/sandbox";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startExporterProcess } from "./exporter-process.ts";
import { COHORTS, startMyBot, writeConfig } from "./harness.ts";

let mybot: Awaited<ReturnType<typeof startMyBot>>;
beforeAll(async () => {
  mybot = await startMyBot();
});
afterAll(() => mybot.close());

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

it("never shows a counter value that a kill -9 takes back", async () => {
  mybot.sandbox.faults.set([{ endpoint: "history", type: "latency", latencyMs: 15 }]);
  const { path } = writeConfig({ page_size: 5, concurrency: 2 });
  let exporter = await startExporterProcess(mybot.url, path);
  const compared: number[] = [];
  try {
    for (const [round, delay] of [1500, 2500, 1800].entries()) {
      await activity(round);
      await new Promise((r) => setTimeout(r, delay));
      const before = counterSamples(await scrape(exporter.url));
      await exporter.stop("SIGKILL");
      exporter = await startExporterProcess(mybot.url, path);
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
    await exporter.stop();
    mybot.sandbox.faults.clear();
  }
  // The comparison covered messages actually counted, not only empty series.
  expect(compared.some((n) => n > 0)).toBe(true);
});

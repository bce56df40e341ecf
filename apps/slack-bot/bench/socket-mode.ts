/**
 * Socket Mode under load: 1,000 slash commands over one socket, 20 at a time, while the sandbox
 * adds 2.5 s to every MyBOT call. Prints the acknowledgement latency p50 and p99 (from sending
 * the envelope to the ack's arrival at the fake Slack; goal p99 <= 100 ms) and how many results
 * reached response_url. The app and the sandbox run as child processes, as in production; the
 * fake Slack (test/fake-socket-mode.ts) runs here. A benchmark: it prints, never fails.
 */
import { APP_TOKEN, startFakeSlack } from "../test/fake-socket-mode.ts";
import { slashPayload, startCapture } from "../test/harness.ts";
import { LOAD_TEXTS, MYBOT_LATENCY_MS, percentiles, startLoadStack } from "./load.ts";

const CONCURRENCY = 20;
const WARMUP = 40;

/**
 * @example
 * ```ts
 * await benchSocketMode(1000);
 * ```
 */
export async function benchSocketMode(requests: number): Promise<void> {
  const [capture, slack] = await Promise.all([startCapture(), startFakeSlack()]);
  const { sandbox, app } = await startLoadStack(
    capture.host,
    { SLACK_SIGNING_SECRET: "", SLACK_APP_TOKEN: APP_TOKEN, SLACK_API_URL: slack.apiUrl },
    /Socket Mode: connected through (\S+)/,
  );

  const latencies: number[] = [];
  const lookups = new Set<string>();
  let notAcked = 0;
  const send = async (i: number, measured: boolean) => {
    const text = LOAD_TEXTS[i % LOAD_TEXTS.length] as string;
    const { payload, hookPath } = slashPayload(text, { captureHost: capture.host });
    const ack = await slack.ackOf(slack.deliver("slash_commands", payload), 10_000);
    if (!measured) return;
    latencies.push(ack.ms);
    lookups.add(hookPath);
    if (ack.payload?.text !== "Looking up…") notAcked++;
  };
  // Unmeasured warm-up, so that JIT compilation does not count as tail.
  for (let i = 0; i < WARMUP; i += CONCURRENCY)
    await Promise.all(Array.from({ length: CONCURRENCY }, (_, j) => send(i + j, false)));
  let next = 0;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < requests) await send(next++, true);
    }),
  );
  const sendSeconds = (Date.now() - started) / 1000;
  const posted = () => capture.posts.filter((p) => lookups.has(p.path)).length;
  const deadline = Date.now() + 60_000;
  while (posted() < lookups.size && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 200));

  const pct = percentiles(latencies);
  console.log(
    `Socket Mode benchmark (${process.version}): ${requests} commands over one socket, ${CONCURRENCY} at a time, MyBOT latency ${MYBOT_LATENCY_MS} ms`,
  );
  console.log(
    `  sent in ${sendSeconds.toFixed(1)} s; ${notAcked} not acknowledged with "Looking up…"`,
  );
  console.log(
    `  ack latency p50 ${pct(50).toFixed(1)} ms, p99 ${pct(99).toFixed(1)} ms, max ${pct(100).toFixed(1)} ms (goal p99 <= 100 ms)`,
  );
  console.log(
    `  results posted to response_url: ${posted()} of ${lookups.size} (after ${WARMUP} unmeasured warm-up commands); sockets opened: ${slack.stats.connections}`,
  );
  await Promise.all([app.stop(), sandbox.stop(), capture.close(), slack.close()]);
}

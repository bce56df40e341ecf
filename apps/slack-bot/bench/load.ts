/**
 * What the Slack app's load benchmarks share: the commands they send, a sandbox child process
 * that adds 2.5 s to every MyBOT call (so every lookup is in flight while the acks are timed),
 * and the percentiles they print.
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import { type Service, startService } from "@mybot/test-kit";
import { MYBOT } from "../test/harness.ts";

export const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
export const MYBOT_LATENCY_MS = 2500;

/** The commands sent in turn: both lookups, with and without options. */
export const LOAD_TEXTS = [
  "users c1=straberry",
  "history 919812345678",
  "users plan=gold",
  "history 919812345678 since 7d limit 10",
];

/**
 * @example
 * ```ts
 * const sandbox = await startSlowSandbox(); // sandbox.url, then sandbox.stop()
 * ```
 */
export function startSlowSandbox(): Promise<Service> {
  return startService(
    process.execPath,
    ["--import", "tsx", here("../../sandbox/src/main.node.ts")],
    {
      SANDBOX_DB: ":memory:",
      SANDBOX_LOG: "off",
      PORT: "0",
      SANDBOX_FAULTS: JSON.stringify([
        { endpoint: "all", type: "latency", latencyMs: MYBOT_LATENCY_MS },
      ]),
      ...MYBOT,
    },
    /listening on (http:\/\/\S+)/,
    { cwd: here("../../sandbox") },
  );
}

/**
 * The p-th percentile (0–100) of `samples` by rank; sorts `samples` in place.
 *
 * @example
 * ```ts
 * const pct = percentiles(latencies); pct(99);
 * ```
 */
export function percentiles(samples: number[]): (p: number) => number {
  samples.sort((a, b) => a - b);
  return (p) =>
    samples[Math.min(samples.length - 1, Math.floor((p / 100) * samples.length))] as number;
}

/**
 * What the Slack app's load benchmarks share: the commands they send, a sandbox child process
 * that adds 2.5 s to every MyBOT call (so every lookup is in flight while the acks are timed),
 * the app as a child process against it, and the percentiles they print.
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import { type Service, startService } from "@mybot/test-kit";
import { botEnv, MYBOT } from "../test/harness.ts";

export const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
export const MYBOT_LATENCY_MS = 2500;

/** The commands sent in turn: both lookups, with and without options. */
export const LOAD_TEXTS = [
  "users c1=straberry",
  "history 919812345678",
  "users plan=gold",
  "history 919812345678 since 7d limit 10",
];

/** The sandbox as a child process, every MyBOT call {@link MYBOT_LATENCY_MS} late. */
function startSlowSandbox(): Promise<Service> {
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
 * The slow sandbox, then the app as a child process against it (as in production), replying to
 * `captureHost`, with MyBOT timeouts that outlast the sandbox's latency; `env` picks the
 * transport, and `ready` matches the app's start-up line, its first group the app's URL.
 *
 * @example
 * ```ts
 * const { sandbox, app } = await startLoadStack(capture.host, { PORT: "0" }, /listening on (\S+)/);
 * ```
 */
export async function startLoadStack(
  captureHost: string,
  env: Record<string, string>,
  ready: RegExp,
): Promise<{ sandbox: Service; app: Service }> {
  const sandbox = await startSlowSandbox();
  const app = await startService(
    process.execPath,
    ["--import", "tsx", here("../src/main.node.ts")],
    {
      ...botEnv(sandbox.url, captureHost),
      MYBOT_TIMEOUT_MS: "10000",
      MYBOT_TOTAL_TIMEOUT_MS: "20000",
      ...env,
    },
    ready,
    { cwd: here("..") },
  );
  return { sandbox, app };
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

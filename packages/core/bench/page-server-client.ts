/**
 * What every core benchmark does first: starts bench/page-server.mjs in a child process (so that
 * its allocations stay out of the client's RSS) and hands back the URLs, credentials and headers
 * that reach it, and its request counter.
 *
 * @module
 */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { DEMO_CREDENTIAL } from "@mybot/test-kit";

const KEY = "bench-key-0000";

/** The running page server, and what a client or a raw `fetch` needs to reach it. */
export interface PageServer {
  baseUrl: string;
  credentials: { baseUrl: string; apiKey: string; customerId: string; botKey: string };
  /** The history URL of `user`, without a query. */
  historyUrl(user: string): string;
  /** What a raw `fetch` sends: the key and `Accept`. */
  headers: Record<string, string>;
  /** The history requests served since the last call. */
  requestsSince(): Promise<number>;
  stop(): void;
}

/**
 * Starts the page server; `latencyMs` delays every history answer, as a distant link would.
 *
 * @example
 * ```ts
 * const server = await startPageServer();
 * const client = createMyBotClient(server.credentials);
 * server.stop();
 * ```
 */
export async function startPageServer(latencyMs = 0): Promise<PageServer> {
  const child = spawn(process.execPath, [new URL("./page-server.mjs", import.meta.url).pathname], {
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, PAGE_SERVER_LATENCY_MS: String(latencyMs) },
  });
  const port = await new Promise<string>((resolve) =>
    createInterface({ input: child.stdout }).once("line", resolve),
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  const credentials = {
    baseUrl,
    apiKey: KEY,
    customerId: DEMO_CREDENTIAL.customerId,
    botKey: DEMO_CREDENTIAL.botKey,
  };
  return {
    baseUrl,
    credentials,
    historyUrl: (user) =>
      `${baseUrl}/bot-api/v1.0/customer/${credentials.customerId}/bot/${credentials.botKey}/channel-user/${user}/conversations`,
    headers: { Authorization: `Basic ${KEY}`, Accept: "application/json" },
    requestsSince: async () => Number(await (await fetch(`${baseUrl}/__requests`)).text()),
    stop: () => child.kill(),
  };
}

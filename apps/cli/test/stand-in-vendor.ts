/**
 * A stand-in MyBOT for shapes the sandbox does not serve (an unknown list key, unreadable
 * timestamps, an error body of another form): one user, and history answers built per test.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { CREDENTIAL } from "./variant-sandbox.ts";

/** The answer to one history request. */
export type HistoryAnswer = (
  pageNumber: number,
  pageSize: number,
) => { status: number; body: unknown };

export interface StandIn {
  env: Record<string, string>;
  /** What the history endpoint answers; replace it per test. */
  history: HistoryAnswer;
  close(): Promise<void>;
}

/** Answers one request with a status and a JSON body. */
export type Reply = (status: number, body: unknown) => void;

/**
 * A local HTTP server answering JSON through `handle`, with the environment that points the CLI
 * at it (the test credential) and a way to close it.
 *
 * @example
 * ```ts
 * const { env, close } = await serveJson((target, reply) => reply(200, { users: [], total: 0 }));
 * ```
 */
export async function serveJson(
  handle: (target: URL, reply: Reply) => void,
): Promise<{ env: Record<string, string>; close(): Promise<void> }> {
  const server = createServer((req, res) =>
    handle(new URL(req.url ?? "/", "http://stand-in"), (status, body) => {
      res.writeHead(status, { "Content-Type": "application/json" });
      res.end(JSON.stringify(body));
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    env: {
      MYBOT_BASE_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      MYBOT_API_KEY: CREDENTIAL.apiKey,
      MYBOT_CUSTOMER_ID: CREDENTIAL.customerId,
      MYBOT_BOT_KEY: CREDENTIAL.botKey,
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * @example
 * ```ts
 * const vendor = await startStandIn();
 * vendor.history = () => ({ status: 200, body: { data: [] } });
 * ```
 */
export async function startStandIn(): Promise<StandIn> {
  const standIn = {
    history: (() => ({ status: 200, body: { conversations: [] } })) as HistoryAnswer,
  } as StandIn;
  const { env, close } = await serveJson((target, reply) => {
    if (target.pathname.endsWith("/users"))
      return reply(200, {
        users: [{ channelUserId: "1", channel: "web", name: null, attributes: {} }],
        total: 1,
      });
    const answer = standIn.history(
      Number(target.searchParams.get("page_number") ?? 1),
      Number(target.searchParams.get("page_size") ?? 500),
    );
    reply(answer.status, answer.body);
  });
  standIn.env = env;
  standIn.close = close;
  return standIn;
}

/**
 * 12 messages in the observed shape, newest first, one minute apart, paged; `timestamp` renders
 * each instant as the test wants it.
 *
 * @example
 * ```ts
 * observedPage(1, 5, (t) => Math.floor(t / 1000)); // timestamps in seconds
 * ```
 */
export function observedPage(
  pageNumber: number,
  pageSize: number,
  timestamp: (ms: number) => unknown = (ms) => ms,
  now = NOW,
): Record<string, unknown>[] {
  const all = Array.from({ length: 12 }, (_, i) => ({
    timestamp: timestamp(now - 60_000 * (i + 1)),
    sender: i % 2 ? "bot" : "user",
    response: `message ${i}`,
    message_type: "TEXT",
  }));
  return all.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
}

/** A fixed "now" for the stand-in's messages, so that pages agree between requests. */
export const NOW = Math.floor(Date.now() / 60_000) * 60_000;

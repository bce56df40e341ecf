/**
 * Test helpers: a scripted `fetch` that records what the client sent. Not exported from the
 * package.
 *
 * @module
 */
import { DEMO_CREDENTIAL, vendorTimestamp } from "@mybot/test-kit";
import { createMyBotClient } from "./client.ts";
import { isMyBotApiError, type MyBotApiError } from "./errors.ts";
import type { HistoryOrder, MyBotClientOptions } from "./types.ts";

/** A key shaped like the vendor's samples, so that redaction is tested on a realistic value. */
export const TEST_KEY = "9b2f5c1a-3d4e-4f60-8a7b-1c2d3e4f5a6b-K3Y9ZQ1";

/** Answers requests with `respond(request, n)`, n counting from 1, and records them. */
export function scriptedFetch(
  respond: (request: Request, n: number) => Response | Promise<Response>,
) {
  const requests: Request[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    requests.push(request);
    return respond(request, requests.length);
  };
  return { fetch: fetch as typeof globalThis.fetch, requests };
}

/** A JSON response. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}

/** A client on a scripted fetch with fast retries. */
export function testClient(
  fetch: typeof globalThis.fetch,
  overrides: Partial<MyBotClientOptions> = {},
) {
  return createMyBotClient({
    baseUrl: "https://mybot.test",
    apiKey: TEST_KEY,
    customerId: DEMO_CREDENTIAL.customerId,
    botKey: DEMO_CREDENTIAL.botKey,
    fetch,
    initialRetryDelayMs: 1,
    maxRetryDelayMs: 5,
    // Quiet: the logging tests turn it on.
    logLevel: "off",
    ...overrides,
  });
}

/** A history page body of `count` messages. */
export function historyBody(pageNumber: number, count: number, totalPages: number, pageSize = 500) {
  return {
    channelUserId: "919812345678",
    messages: Array.from({ length: count }, (_, i) => ({
      id: `p${pageNumber}-${i}`,
      timestamp: 1_700_000_000_000 + pageNumber * 1_000_000 + i,
      sender: i % 2 ? "bot" : "user",
      text: `message ${i}`,
    })),
    pagination: {
      pageNumber,
      pageSize,
      totalMessages: totalPages * pageSize,
      totalPages,
      hasNextPage: pageNumber < totalPages,
    },
  };
}

/** The MyBotApiError a promise rejects with; anything else fails the test. */
export async function failure(promise: Promise<unknown>): Promise<MyBotApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isMyBotApiError(error)) throw new Error(`expected a MyBotApiError, got ${String(error)}`);
  return error;
}

/** The parts of the history body the vendor has not confirmed; the defaults are the observed ones. */
export interface VendorShape {
  listKey?: "conversations" | "messages";
  order?: "newest-first" | "oldest-first";
  /** The messages within a page in this order, when it differs from the pages' order. */
  rows?: "newest-first" | "oldest-first";
  ids?: boolean;
  pageMetadata?: boolean;
  timestamps?: "string" | "number";
  /**
   * Message `i` is a copy of message `content(i)`: same sender, text and instant, so that a
   * non-decreasing `content` makes runs of identical messages. Default: every message its own.
   */
  content?: (i: number) => number;
}

/** The history shapes every walk must read alike, named for `describe.each`. */
export const VENDOR_SHAPES: [string, VendorShape][] = [
  ["observed (newest first, no ids, no metadata)", {}],
  ["oldest first", { order: "oldest-first" }],
  ["newest first with page metadata", { pageMetadata: true }],
  [
    "oldest first with page metadata and ids",
    { order: "oldest-first", pageMetadata: true, ids: true },
  ],
  ["messages key, numeric timestamps", { listKey: "messages", timestamps: "number" }],
];

/** The `page_number` of each request a scripted vendor saw, in order. */
export const pageNumbers = (requests: Request[]) =>
  requests.map((r) => Number(new URL(r.url).searchParams.get("page_number")));

/** Epoch ms of message `i` of a {@link vendorHistory}: one second apart from 2026-08-01 UTC. */
export const messageTime = (i: number) => Date.UTC(2026, 7, 1) + i * 1000;

/** The sent fields of message `i` of a {@link vendorHistory}. */
const sent = (i: number, timestamps: VendorShape["timestamps"]) => ({
  timestamp: timestamps === "number" ? messageTime(i) : vendorTimestamp(messageTime(i)),
  sender: i % 2 ? "bot" : "user",
  response: `message ${i}`,
});

/**
 * A scripted vendor holding one user's history of `total` messages (message `i` says
 * `message i`), paged by `page_number`/`page_size` within `start_date`/`end_date`, in `shape`.
 */
export function vendorHistory(total: number, shape: VendorShape = {}) {
  return scriptedFetch((request) => {
    const query = new URL(request.url).searchParams;
    const start = Number(query.get("start_date") ?? 0);
    const end = Number(query.get("end_date") ?? Number.MAX_SAFE_INTEGER);
    const pageNumber = Number(query.get("page_number") ?? 1);
    const pageSize = Number(query.get("page_size") ?? 500);
    const all: number[] = [];
    for (let i = 0; i < total; i++) {
      const t = messageTime(shape.content?.(i) ?? i);
      if (t >= start && t < end) all.push(i);
    }
    if (shape.order !== "oldest-first") all.reverse();
    const slice = all.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
    if (shape.rows && shape.rows !== (shape.order ?? "newest-first")) slice.reverse();
    const list = slice.map((i) => ({
      ...(shape.ids ? { id: `m${i}` } : {}),
      ...sent(shape.content?.(i) ?? i, shape.timestamps),
      message_type: "TEXT",
      file: null,
      attachments: null,
      user_id: "6f1c0a52-7a43-4d55-9c2e-1b8f3e0d2a71",
    }));
    const body: Record<string, unknown> = { [shape.listKey ?? "conversations"]: list };
    if (shape.pageMetadata) {
      body.pagination = {
        pageNumber,
        pageSize,
        totalMessages: all.length,
        totalPages: Math.ceil(all.length / pageSize),
        hasNextPage: pageNumber * pageSize < all.length,
      };
    }
    return json(body);
  });
}

/**
 * A {@link vendorHistory} that answers page `lie(n)` when asked for page `n`, and may rewrite
 * each body: the misbehaving servers the walks must still end on.
 */
export function lyingVendor(
  total: number,
  shape: VendorShape,
  lie: (pageNumber: number) => number,
  rewrite: (body: Record<string, unknown>) => Record<string, unknown> = (body) => body,
) {
  const honest = vendorHistory(total, shape);
  return scriptedFetch(async (request) => {
    const url = new URL(request.url);
    const asked = Number(url.searchParams.get("page_number") ?? 1);
    url.searchParams.set("page_number", String(lie(asked)));
    const answer = await honest.fetch(url.href, { headers: request.headers });
    return json(rewrite((await answer.json()) as Record<string, unknown>));
  });
}

/** What an {@link endlessVendor} claims in its page metadata. */
export interface EndlessClaims {
  /** Answers page `lie(n)` when asked for page `n`. Default: the page asked for. */
  lie?: (pageNumber: number) => number;
  /**
   * `totalPages` of the metadata: `"one more"` (the page after this one), a number, or no
   * metadata at all (the default).
   */
  totalPages?: "one more" | number;
}

/**
 * A server whose every page is full, forever, built per request (a page of `page_size`
 * messages, nothing more), so that a walk of 10,000 pages costs no memory. Message `k` says
 * `m<k>`; oldest first, `k` grows with the page, newest first it falls from 1e9.
 */
export function endlessVendor(order: HistoryOrder, claims: EndlessClaims = {}) {
  return scriptedFetch((request) => {
    const query = new URL(request.url).searchParams;
    const n = (claims.lie ?? ((asked) => asked))(Number(query.get("page_number") ?? 1));
    const size = Number(query.get("page_size") ?? 500);
    const list = Array.from({ length: size }, (_, i) => {
      const k = order === "oldest-first" ? n * size + i : 1e9 - n * size - i;
      return { timestamp: messageTime(k), sender: "user", response: `m${k}` };
    });
    if (claims.totalPages === undefined) return json({ conversations: list });
    const totalPages = claims.totalPages === "one more" ? n + 1 : claims.totalPages;
    return json({
      conversations: list,
      pagination: { pageNumber: n, pageSize: size, totalPages, hasNextPage: n < totalPages },
    });
  });
}

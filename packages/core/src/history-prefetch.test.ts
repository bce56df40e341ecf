import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ChatHistoryIterable } from "./history-walk.ts";
import {
  endlessVendor,
  json,
  lyingVendor,
  pageNumbers,
  scriptedFetch,
  testClient,
  VENDOR_SHAPES,
  type VendorShape,
  vendorHistory,
} from "./test-helpers.ts";
import type { IterateChatHistoryOptions, MyBotClientOptions } from "./types.ts";

const END = Date.UTC(2027, 0, 1);
const SHAPES: [string, VendorShape][] = [
  ...VENDOR_SHAPES,
  ["newest first, each page listed oldest first", { rows: "oldest-first" }],
];
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts, as fetch does. */
function pause(ms: number, signal?: AbortSignal | null): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(timer);
      reject(signal.reason);
    });
  });
}

/** `inner` answering after `delay(page)` ms, recording how many requests overlapped and how each ended. */
function slowed(inner: typeof fetch, delay: (page: number) => number = () => 5) {
  const stats = { inFlight: 0, most: 0, ended: new Map<number, "answered" | "aborted">() };
  let sent = 0;
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const id = sent++;
    const url = new URL(input instanceof Request ? input.url : String(input));
    stats.inFlight++;
    stats.most = Math.max(stats.most, stats.inFlight);
    try {
      await pause(delay(Number(url.searchParams.get("page_number"))), init?.signal);
      stats.ended.set(id, "answered");
      return await inner(input, init);
    } catch (error) {
      stats.ended.set(id, "aborted");
      throw error;
    } finally {
      stats.inFlight--;
    }
  };
  return { fetch: fetch as typeof globalThis.fetch, stats };
}

/** Every chunk of a walk (its page, texts and `next`), then what it threw. */
async function record(history: ChatHistoryIterable, work?: () => Promise<void>) {
  const chunks: unknown[] = [];
  try {
    for await (const chunk of history.pages()) {
      chunks.push({
        page: chunk.pageNumber,
        texts: chunk.messages.map((m) => m.text),
        next: chunk.next,
      });
      await work?.();
    }
  } catch (error) {
    return { chunks, error: (error as Error).message };
  }
  return { chunks, error: undefined };
}

/** The same walk with prefetch 0 and with `prefetch`, each on a fresh client over `fetchOf()`. */
async function both(
  fetchOf: () => { fetch: typeof fetch; requests: Request[] },
  options: IterateChatHistoryOptions,
  prefetch: number,
  clientOptions: Partial<MyBotClientOptions> = {},
) {
  const run = async (n: number) => {
    const { fetch, requests } = fetchOf();
    const history = testClient(fetch, clientOptions).iterateChatHistory("u", {
      ...options,
      prefetch: n,
    });
    return { ...(await record(history)), pages: pageNumbers(requests) };
  };
  return { plain: await run(0), ahead: await run(prefetch) };
}

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
beforeEach(() => {
  unhandled.length = 0;
  process.on("unhandledRejection", onUnhandled);
});
afterEach(() => {
  process.off("unhandledRejection", onUnhandled);
});

describe.each(SHAPES)("prefetch on %s", (_, shape) => {
  it.each([0, 1, 9, 10, 11, 95])(
    "gives the same chunks, in the same order, for %i messages",
    async (total) => {
      for (const prefetch of [1, 2, 4]) {
        const { plain, ahead } = await both(
          () => vendorHistory(total, shape),
          { pageSize: 10, endDate: END },
          prefetch,
        );
        expect(ahead.chunks).toEqual(plain.chunks);
        expect(ahead.error).toBeUndefined();
      }
    },
  );

  it("at prefetch 1, asks for exactly the pages a walk without it asks for", async () => {
    for (const total of [0, 10, 47, 100]) {
      const { plain, ahead } = await both(
        () => vendorHistory(total, shape),
        { pageSize: 10, endDate: END },
        1,
      );
      expect(sorted(ahead.pages)).toEqual(sorted(plain.pages));
    }
  });

  it("never asks past maxPages", async () => {
    const { plain, ahead } = await both(
      () => vendorHistory(95, shape),
      { pageSize: 10, endDate: END, maxPages: 3 },
      4,
    );
    expect(ahead.chunks).toEqual(plain.chunks);
    expect(sorted(ahead.pages)).toEqual(sorted(plain.pages));
  });

  it("resumes from a chunk's `next` as without it", async () => {
    const first = await record(
      testClient(vendorHistory(47, shape).fetch).iterateChatHistory("u", {
        pageSize: 10,
        maxPages: 2,
        prefetch: 3,
      }),
    );
    const next = (first.chunks.at(-1) as { next: IterateChatHistoryOptions["resume"] }).next;
    const options = { pageSize: 10, resume: next };
    const { plain, ahead } = await both(() => vendorHistory(47, shape), options, 3);
    expect(ahead.chunks).toEqual(plain.chunks);
    expect(plain.chunks.length).toBeGreaterThan(0);
  });
});

describe("prefetch asks for no page it knows does not exist", () => {
  it.each([
    ["newest first (walked back to page 1)", {}],
    ["newest first with page metadata", { pageMetadata: true }],
    ["oldest first with page metadata", { order: "oldest-first", pageMetadata: true }],
  ] as [string, VendorShape][])(
    "%s: the same pages as without it, at prefetch 4",
    async (_, shape) => {
      for (const total of [10, 47, 100, 101]) {
        const { plain, ahead } = await both(
          () => vendorHistory(total, shape),
          { pageSize: 10, endDate: END },
          4,
        );
        expect(sorted(ahead.pages)).toEqual(sorted(plain.pages));
        // Resumed, no page read before tells where the end is: the metadata or page 1 does.
        const order = shape.order ?? "newest-first";
        const resume = { startDate: null, endDate: END, order, page: 2, pageSize: 10 } as const;
        const resumed = await both(() => vendorHistory(total, shape), { pageSize: 10, resume }, 4);
        expect(sorted(resumed.ahead.pages)).toEqual(sorted(resumed.plain.pages));
      }
    },
  );

  it("oldest first without metadata: at most prefetch - 1 pages past the end, none past the cap", async () => {
    const { plain, ahead } = await both(
      () => vendorHistory(47, { order: "oldest-first" }),
      { pageSize: 10, endDate: END },
      4,
    );
    expect(ahead.chunks).toEqual(plain.chunks);
    expect(ahead.pages.length).toBeLessThanOrEqual(plain.pages.length + 3);
    const capped = await both(
      () => vendorHistory(100, { order: "oldest-first" }),
      { pageSize: 10, endDate: END },
      4,
      { maxHistoryPages: 10 },
    );
    expect(Math.max(...capped.ahead.pages)).toBe(11);
  });

  it("a window of one page costs one request, whatever the prefetch", async () => {
    for (const shape of SHAPES.map(([, s]) => s)) {
      const { fetch, requests } = vendorHistory(7, shape);
      await record(testClient(fetch).iterateChatHistory("u", { pageSize: 10, prefetch: 8 }));
      expect(requests).toHaveLength(1);
    }
  });
});

describe("prefetch on servers that misbehave: the same chunks, then the same error", () => {
  const ORDERS: VendorShape[] = [
    {},
    { order: "oldest-first" },
    { pageMetadata: true },
    { order: "oldest-first", pageMetadata: true },
  ];
  it.each(ORDERS)("%o", async (shape) => {
    const liars = [
      () => lyingVendor(1000, shape, () => 1),
      () => lyingVendor(1000, shape, (n) => (n === 4 ? 3 : n)),
      () => lyingVendor(1000, shape, (n) => (n === 6 ? 2 : n)),
    ];
    for (const liar of liars) {
      const { plain, ahead } = await both(liar, { pageSize: 10, endDate: END }, 4);
      expect(ahead).toMatchObject({ chunks: plain.chunks, error: plain.error });
      expect(plain.error).toMatch(/same messages as page/);
    }
  });

  it.each([
    ["oldest-first", 3, 4],
    ["newest-first", 8, 7],
  ] as const)(
    "a repeat (%s) is named as without prefetch, whichever page answers first",
    async (order, original, copy) => {
      // Page `copy` is answered with page `original`'s messages, and answers before it.
      const liar = () => {
        const lying = lyingVendor(100, { order, pageMetadata: true }, (n) =>
          n === copy ? original : n,
        );
        const { fetch } = slowed(lying.fetch, (page) => (page === original ? 30 : 0));
        return { fetch, requests: lying.requests };
      };
      const { plain, ahead } = await both(liar, { pageSize: 10, endDate: END }, 4);
      expect(ahead).toMatchObject({ chunks: plain.chunks, error: plain.error });
      expect(plain.error).toBe(
        `MyBOT answered page ${copy} with the same messages as page ${original}: it seems to ignore page_number`,
      );
    },
  );

  it.each(["oldest-first", "newest-first"] as const)(
    "one that claims pages forever (%s) ends at the cap",
    async (order) => {
      const { plain, ahead } = await both(
        () => endlessVendor(order, { totalPages: "one more" }),
        { pageSize: 2, endDate: END },
        4,
        { maxHistoryPages: 50 },
      );
      expect(ahead.chunks).toEqual(plain.chunks);
      expect(ahead.error).toBe(plain.error);
      expect(ahead.error).toMatch(/past the cap of 50 pages/);
      expect(Math.max(...ahead.pages)).toBe(51);
    },
  );
});

describe("prefetch overlaps requests with the caller's work", () => {
  it.each([
    ["oldest first", { order: "oldest-first" }],
    ["newest first", {}],
    ["newest first with page metadata", { pageMetadata: true }],
  ] as [string, VendorShape][])(
    "%s: prefetch N keeps N requests in flight, never more",
    async (_, shape) => {
      for (const prefetch of [0, 1, 3]) {
        // Requests slower than the caller's work: only requests made ahead can overlap.
        const { fetch, stats } = slowed(vendorHistory(195, shape).fetch, () => 20);
        const history = testClient(fetch).iterateChatHistory("u", {
          pageSize: 10,
          endDate: END,
          prefetch,
        });
        const { chunks } = await record(history, () => pause(5));
        expect(chunks).toHaveLength(20);
        expect(stats.most).toBe(Math.max(1, prefetch));
      }
    },
  );
});

describe("prefetch and the walk's end", () => {
  it("an early break aborts the requests made ahead, with no unhandled rejection", async () => {
    // Pages 1 and 20 (the order, and the last page) answer at once; the rest never before an abort.
    const { fetch, stats } = slowed(vendorHistory(200, { pageMetadata: true }).fetch, (page) =>
      page >= 19 || page === 1 ? 0 : 60_000,
    );
    const history = testClient(fetch).iterateChatHistory("u", {
      pageSize: 10,
      endDate: END,
      prefetch: 3,
    });
    for await (const chunk of history.pages()) if (chunk.pageNumber === 19) break;
    await pause(60);
    // Pages 20 and 19 handed over; 18, 17 and 16 asked ahead, then cut off by the break.
    expect([...stats.ended.values()].filter((e) => e === "aborted")).toHaveLength(3);
    expect(stats.inFlight).toBe(0);
    expect(unhandled).toEqual([]);
  });

  it("the caller's abort surfaces at the next page, as without prefetch", async () => {
    for (const prefetch of [0, 3]) {
      const { fetch } = slowed(vendorHistory(200, { order: "oldest-first" }).fetch, () => 10);
      const controller = new AbortController();
      const history = testClient(fetch).iterateChatHistory("u", {
        pageSize: 10,
        endDate: END,
        prefetch,
        signal: controller.signal,
      });
      const seen: number[] = [];
      const { error } = await record(history, async () => {
        seen.push(seen.length);
        if (seen.length === 3) controller.abort();
      });
      expect(seen).toHaveLength(3);
      expect(error).toMatch(/aborted by the caller/);
    }
    expect(unhandled).toEqual([]);
  });

  it.each([
    ["forward", "oldest-first", [1, 2]],
    ["backward", "newest-first", [10, 9, 8]],
  ] as const)(
    "an error of a page asked ahead surfaces when the %s walk reaches it",
    async (_, order, before) => {
      const failing = order === "oldest-first" ? 3 : 7;
      const vendor = () => {
        const honest = vendorHistory(100, { order, pageMetadata: true });
        return scriptedFetch(async (request) => {
          const page = Number(new URL(request.url).searchParams.get("page_number"));
          if (page === failing) return json({ errorCode: 404, errorMessage: "NOT_FOUND" }, 404);
          // The pages before the failing one come late, so the failure arrives first.
          await pause(page === failing + 1 || page === failing - 1 ? 30 : 0);
          return honest.fetch(request.url, { headers: request.headers });
        });
      };
      const { plain, ahead } = await both(vendor, { pageSize: 10, endDate: END }, 4);
      expect(ahead).toMatchObject({ chunks: plain.chunks, error: plain.error });
      expect(ahead.chunks.map((c) => (c as { page: number }).page)).toEqual(before);
      expect(ahead.error).toMatch(/404|not found/i);
      expect(unhandled).toEqual([]);
    },
  );
});

describe("the prefetch option", () => {
  it.each([-1, 1.5, 17, Number.NaN, "2"])("refuses %s before any request", (bad) => {
    const { fetch, requests } = vendorHistory(10);
    expect(() => testClient(fetch).iterateChatHistory("u", { prefetch: bad as number })).toThrow(
      "prefetch must be an integer from 0 to 16",
    );
    expect(requests).toHaveLength(0);
  });
});

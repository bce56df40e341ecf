import { describe, expect, it } from "vitest";
import { type MyBotApiError, MyBotInvalidResponseError } from "./errors.ts";
import {
  endlessVendor,
  failure,
  json,
  lyingVendor,
  messageTime,
  pageNumbers,
  scriptedFetch,
  testClient,
  VENDOR_SHAPES,
  type VendorShape,
  vendorHistory,
} from "./test-helpers.ts";
import type { ChatHistoryChunk, HistoryResume } from "./types.ts";

const END = Date.UTC(2027, 0, 1);
const texts = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, i) => `message ${from + i}`);

/**
 * Reads the first two 10-message pages in one client, then the rest in a new client from the
 * token `resume` picks from what the first saw (the page numbers and the last `next`).
 */
async function readResumed(
  fetch: Parameters<typeof testClient>[0],
  resume: (first: { numbers: number[]; next: HistoryResume | null }) => HistoryResume,
): Promise<string[]> {
  const seen: string[] = [];
  const numbers: number[] = [];
  let next: HistoryResume | null = null;
  for await (const chunk of testClient(fetch)
    .iterateChatHistory("u", { pageSize: 10, maxPages: 2 })
    .pages()) {
    seen.push(...chunk.messages.map((m) => m.text));
    numbers.push(chunk.pageNumber);
    next = chunk.next;
  }
  const token = resume({ numbers, next });
  for await (const m of testClient(fetch).iterateChatHistory("u", { pageSize: 10, resume: token }))
    seen.push(m.text);
  return seen;
}

describe.each(VENDOR_SHAPES)("iterateChatHistory, %s", (_, shape) => {
  it.each([0, 1, 7, 10, 11, 95])(
    "yields all %i messages oldest first, once each",
    async (total) => {
      const { fetch } = vendorHistory(total, shape);
      const seen: string[] = [];
      for await (const m of testClient(fetch).iterateChatHistory("u", {
        pageSize: 10,
        endDate: END,
      }))
        seen.push(m.text);
      expect(seen).toEqual(texts(0, total));
    },
  );

  it("costs the pages plus a logarithmic number of probes", async () => {
    const { fetch, requests } = vendorHistory(1000, shape);
    let n = 0;
    for await (const _ of testClient(fetch).iterateChatHistory("u", { pageSize: 10, endDate: END }))
      n++;
    expect(n).toBe(1000);
    // 100 pages; finding the last one of 100 takes at most 2 * log2(100) probes.
    expect(requests.length).toBeLessThanOrEqual(100 + 1 + 2 * 7);
  });

  it.each([
    [1, 0],
    [3, 0],
    [3, 2],
  ])(
    "stops after maxPages %i (prefetch %i), asking for nothing once the last chunk is handed over",
    async (maxPages, prefetch) => {
      const { fetch, requests } = vendorHistory(95, shape);
      const numbers: number[] = [];
      let sentBeforeLast = 0;
      for await (const chunk of testClient(fetch)
        .iterateChatHistory("u", { pageSize: 10, endDate: END, maxPages, prefetch })
        .pages()) {
        numbers.push(chunk.pageNumber);
        sentBeforeLast = requests.length;
      }
      expect(numbers).toHaveLength(maxPages);
      expect(requests.length).toBe(sentBeforeLast);
    },
  );

  it("resumes from a chunk's `next`, in a new client, with nothing lost or repeated", async () => {
    const { fetch } = vendorHistory(47, shape);
    const seen = await readResumed(fetch, ({ next }) => {
      expect(next).not.toBeNull();
      return JSON.parse(JSON.stringify(next)) as HistoryResume;
    });
    expect(seen).toEqual(texts(0, 47));
  });
});

describe("iterateChatHistory", () => {
  it("pins the window's end for the whole walk", async () => {
    const { fetch, requests } = vendorHistory(35);
    const chunks: ChatHistoryChunk[] = [];
    for await (const chunk of testClient(fetch).iterateChatHistory("u", { pageSize: 10 }).pages())
      chunks.push(chunk);
    const ends = new Set(requests.map((r) => new URL(r.url).searchParams.get("end_date")));
    expect(ends.size).toBe(1);
    expect(Number([...ends][0])).toBeGreaterThan(Date.now() - 60_000);
    expect(chunks.at(-1)?.next).toBeNull();
  });

  it("reads a newest-first server from its last page back, each page reversed", async () => {
    const { fetch, requests } = vendorHistory(30, { pageMetadata: true });
    const chunks: number[] = [];
    for await (const chunk of testClient(fetch).iterateChatHistory("u", { pageSize: 10 }).pages())
      chunks.push(chunk.pageNumber);
    expect(chunks).toEqual([3, 2, 1]);
    // The metadata names the last page, which shows the pages' order and starts the walk.
    expect(pageNumbers(requests)).toEqual([1, 3, 2, 1]);
  });

  it("reads a short window in one request whatever the order", async () => {
    for (const order of ["newest-first", "oldest-first"] as const) {
      const { fetch, requests } = vendorHistory(4, { order });
      const seen: string[] = [];
      for await (const m of testClient(fetch).iterateChatHistory("u")) seen.push(m.text);
      expect(seen).toEqual(texts(0, 4));
      expect(requests).toHaveLength(1);
    }
  });

  it("remembers the server's order across walks, and takes it from the options", async () => {
    const { fetch } = vendorHistory(1, {});
    const client = testClient(fetch, { historyOrder: "newest-first" });
    const seen: string[] = [];
    for await (const m of client.iterateChatHistory("u")) seen.push(m.text);
    expect(seen).toEqual(["message 0"]);
  });

  it("refuses a resume that is not a chunk's `next`, before any request", () => {
    const { fetch, requests } = vendorHistory(3);
    const client = testClient(fetch);
    const bad = {
      startDate: null,
      endDate: 1,
      order: "sideways",
      page: 1,
      pageSize: 10,
    } as unknown as HistoryResume;
    expect(() => client.iterateChatHistory("u", { resume: bad })).toThrow(/resume/);
    const good: HistoryResume = {
      startDate: null,
      endDate: 9,
      order: "newest-first",
      page: 1,
      pageSize: 10,
    };
    expect(() => client.iterateChatHistory("u", { resume: good, pageSize: 20 })).toThrow(
      /same startDate, endDate and page size/,
    );
    expect(() => client.iterateChatHistory("u", { resume: good, startDate: 5 })).toThrow(/resume/);
    expect(() => client.iterateChatHistory("u", { resume: good, endDate: 8 })).toThrow(/resume/);
    expect(() => client.iterateChatHistory("")).toThrow(/channelUserId/);
    expect(requests).toHaveLength(0);
  });
});

describe("getLatestMessages", () => {
  it.each(VENDOR_SHAPES)(
    "gives the newest 20, then older pages, without gap or overlap (%s)",
    async (_, shape) => {
      const { fetch } = vendorHistory(53, shape);
      const client = testClient(fetch);
      const first = await client.getLatestMessages("u", { count: 20 });
      expect(first.messages.map((m) => m.text)).toEqual(texts(33, 53));
      expect(first.hasOlder).toBe(true);
      // The later pages, in the window the first one pinned.
      const older = (page: number) =>
        client.getLatestMessages("u", { count: 20, page, endDate: first.endDate });
      const second = await older(2);
      expect(second.messages.map((m) => m.text)).toEqual(texts(13, 33));
      const third = await older(3);
      expect(third.messages.map((m) => m.text)).toEqual(texts(0, 13));
      expect(third.hasOlder).toBe(false);
      const past = await older(4);
      expect(past.messages).toEqual([]);
    },
  );

  it("costs at most 2 requests on a newest-first server (1 once its order is known) and at most 3 with page metadata", async () => {
    const newest = vendorHistory(100_000);
    const client = testClient(newest.fetch);
    const latest = await client.getLatestMessages("u");
    expect(latest.messages.map((m) => m.text)).toEqual(texts(99_980, 100_000));
    expect(latest.requests).toBe(2);
    const again = await client.getLatestMessages("u");
    expect(again.messages.map((m) => m.text)).toEqual(texts(99_980, 100_000));
    expect(again.requests).toBe(1);
    expect(newest.requests).toHaveLength(3);

    const oldest = vendorHistory(100_010, { order: "oldest-first", pageMetadata: true });
    const read = await testClient(oldest.fetch).getLatestMessages("u");
    expect(read.messages.map((m) => m.text)).toEqual(texts(99_990, 100_010));
    expect(read.totalMessages).toBe(100_010);
    expect(read.requests).toBeLessThanOrEqual(3);
    expect(oldest.requests).toHaveLength(read.requests);
  });

  it("finds the newest on an oldest-first server without metadata in a logarithmic number of requests", async () => {
    const { fetch, requests } = vendorHistory(100_000, { order: "oldest-first" });
    const read = await testClient(fetch).getLatestMessages("u");
    expect(read.messages.map((m) => m.text)).toEqual(texts(99_980, 100_000));
    // 5,000 pages of 20: about 2 * log2(5000) = 25 probes.
    expect(requests.length).toBeLessThanOrEqual(30);
  });

  it("reads a one-page window in one request, whatever the order", async () => {
    for (const order of ["newest-first", "oldest-first"] as const) {
      const { fetch, requests } = vendorHistory(5, { order });
      const read = await testClient(fetch).getLatestMessages("u", { count: 10 });
      expect(read.messages.map((m) => m.text)).toEqual(texts(0, 5));
      expect(read.hasOlder).toBe(false);
      expect(requests).toHaveLength(1);
    }
  });
});

describe("a server that pages newest first but lists each page oldest first", () => {
  it("is read oldest first, and its newest messages are the newest", async () => {
    const { fetch } = vendorHistory(53, { rows: "oldest-first" });
    const client = testClient(fetch);
    const seen: string[] = [];
    for await (const m of client.iterateChatHistory("u", { pageSize: 10, endDate: END }))
      seen.push(m.text);
    expect(seen).toEqual(texts(0, 53));
    const latest = await testClient(fetch).getLatestMessages("u", { count: 20 });
    expect(latest.messages.map((m) => m.text)).toEqual(texts(33, 53));
  });
});

describe("pages whose timestamps tie", () => {
  it("reads on until the order shows, so a newest-first history still comes out oldest first", async () => {
    // Page size 1 and the newest two messages at one instant: pages 1 and 2 cannot tell.
    const { fetch } = scriptedFetch((request) => {
      const n = Number(new URL(request.url).searchParams.get("page_number"));
      const times = [3, 3, 2, 1];
      const t = times[n - 1];
      return json({
        conversations:
          t === undefined
            ? []
            : [{ timestamp: messageTime(t), sender: "user", response: `at ${t} #${n}` }],
      });
    });
    const seen: string[] = [];
    for await (const m of testClient(fetch).iterateChatHistory("u", { pageSize: 1, endDate: END }))
      seen.push(m.text);
    expect(seen).toEqual(["at 1 #4", "at 2 #3", "at 3 #2", "at 3 #1"]);
  });
});

/** Everything a walk yields, then what it threw. */
async function drain(history: AsyncIterable<unknown>) {
  let yielded = 0;
  try {
    for await (const _ of history) yielded++;
  } catch (error) {
    return { yielded, error: error as MyBotApiError };
  }
  return { yielded, error: undefined };
}

const ORDERS: [string, VendorShape][] = [
  ["newest first", {}],
  ["oldest first", { order: "oldest-first" }],
  ["newest first with page metadata", { pageMetadata: true }],
  ["oldest first with page metadata", { order: "oldest-first", pageMetadata: true }],
];

describe.each(ORDERS)("a lying server (%s): the walks end with a sentence", (_, shape) => {
  it("that ignores page_number", async () => {
    const { fetch, requests } = lyingVendor(1000, shape, () => 1);
    const walk = await drain(testClient(fetch).iterateChatHistory("u", { pageSize: 10 }));
    expect(walk.error?.name).toBe("MyBotInvalidResponseError");
    // Page 2, or the last page the copied metadata claims: either way, the second request.
    expect(walk.error?.message).toMatch(
      /^MyBOT answered page (2|100) with the same messages as page 1: it seems to ignore page_number$/,
    );
    expect(requests).toHaveLength(2);
    const latest = await failure(testClient(fetch).getLatestMessages("u", { count: 10 }));
    expect(latest.message).toMatch(/same messages as page 1: it seems to ignore page_number/);
  });

  it("that ignores page_number at page size 1: pages at one instant are not compared, the cap stops it", async () => {
    // One message a page could be an honest run of identical messages, so only the cap tells.
    const { fetch, requests } = lyingVendor(1000, shape, () => 1);
    const client = testClient(fetch, { maxHistoryPages: 30 });
    const walk = await drain(client.iterateChatHistory("u", { pageSize: 1 }));
    expect(walk.error?.message).toMatch(/^MyBOT claimed more pages past the cap of 30 pages/);
    expect(requests.length).toBeLessThanOrEqual(32);
    expect(Math.max(...pageNumbers(requests))).toBe(31);
  });

  it("that repeats a page", async () => {
    // Page 4 is answered with page 3's messages.
    const { fetch } = lyingVendor(1000, shape, (n) => (n === 4 ? 3 : n));
    const walk = await drain(testClient(fetch).iterateChatHistory("u", { pageSize: 10 }));
    expect(walk.error).toBeInstanceOf(MyBotInvalidResponseError);
    expect(walk.error?.message).toMatch(
      /^MyBOT answered page [34] with the same messages as page [34]: it seems to ignore page_number$/,
    );
    expect(walk.yielded).toBeLessThan(1000);
  });
});

describe.each(["oldest-first", "newest-first"] as const)(
  "a server that claims more pages forever (%s)",
  (order) => {
    it("stops at maxHistoryPages", async () => {
      const { fetch, requests } = endlessVendor(order, { totalPages: "one more" });
      const client = testClient(fetch, { maxHistoryPages: 50 });
      const walk = await drain(client.iterateChatHistory("u", { pageSize: 2 }));
      expect(walk.error?.name).toBe("MyBotInvalidResponseError");
      expect(walk.error?.message).toBe(
        "MyBOT claimed more pages past the cap of 50 pages (maxHistoryPages): raise it if this history is really that long",
      );
      // Nothing read past the cap: the page after it is asked for only to see it empty.
      expect(Math.max(...pageNumbers(requests))).toBe(51);
      const fresh = testClient(fetch, { maxHistoryPages: 50 });
      if (order === "oldest-first") {
        // The newest are on the last page, which has to be found.
        const latest = await failure(fresh.getLatestMessages("u", { count: 2 }));
        expect(latest.message).toMatch(/past the cap of 50 pages \(maxHistoryPages\)/);
      } else {
        // The newest are on page 1: nothing to walk.
        const latest = await fresh.getLatestMessages("u", { count: 2 });
        expect(latest.messages.map((m) => m.text)).toEqual(["m999999997", "m999999998"]);
      }
    });

    it("stops at 10,000 pages by default", async () => {
      // Pages of one message, built per request: 10,000 of them cost no memory.
      const { fetch, requests } = endlessVendor(order, { totalPages: "one more" });
      const client = testClient(fetch, { historyOrder: order });
      const walk = await drain(client.iterateChatHistory("u", { pageSize: 1 }));
      expect(walk.error?.message).toMatch(/past the cap of 10000 pages \(maxHistoryPages\)/);
      expect(Math.max(...pageNumbers(requests))).toBe(10_001);
      if (order === "oldest-first") {
        // Read forward: every page up to the cap is yielded, then the one after it is refused.
        expect(walk.yielded).toBe(10_000);
        expect(requests).toHaveLength(10_001);
      } else {
        // Found by doubling: a logarithmic number of probes, not ten thousand requests.
        expect(walk.yielded).toBe(0);
        expect(requests.length).toBeLessThan(40);
      }
    });
  },
);

const PAST_THE_CAP_OF_50 =
  "MyBOT claimed more pages past the cap of 50 pages (maxHistoryPages): raise it if this history is really that long";

describe.each(["oldest-first", "newest-first"] as const)(
  "page metadata with totalPages past maxHistoryPages (%s)",
  (order) => {
    it.each([
      ["far past it", 1000],
      ["just past it", 510],
    ])(
      "on an honest history %s: a forward walk yields up to the cap, then both end with the sentence",
      async (_, total) => {
        const { fetch, requests } = vendorHistory(total, { order, pageMetadata: true });
        const client = testClient(fetch, { maxHistoryPages: 50 });
        const walk = await drain(client.iterateChatHistory("u", { pageSize: 10, endDate: END }));
        expect(walk.error?.message).toBe(PAST_THE_CAP_OF_50);
        // Oldest first, pages 1 to 50 are the oldest 500 messages; newest first, they are not
        // where the walk starts, so nothing is yielded.
        expect(walk.yielded).toBe(order === "oldest-first" ? 500 : 0);
        expect(Math.max(...pageNumbers(requests))).toBe(51);
        const latest = client.getLatestMessages("u", { count: 10, endDate: END });
        if (order === "oldest-first") {
          // The newest are past the cap.
          expect((await failure(latest)).message).toBe(PAST_THE_CAP_OF_50);
        } else {
          // The newest are on page 1.
          expect((await latest).messages.map((m) => m.text)).toEqual(texts(total - 10, total));
        }
      },
    );

    it("that is wrong is not trusted: the history is read whole", async () => {
      const claimsTooMany = (body: Record<string, unknown>) => ({
        ...body,
        pagination: { ...(body.pagination as object), totalPages: 1_000_000 },
      });
      const { fetch } = lyingVendor(300, { order, pageMetadata: true }, (n) => n, claimsTooMany);
      const client = testClient(fetch, { maxHistoryPages: 50 });
      const seen: string[] = [];
      for await (const m of client.iterateChatHistory("u", { pageSize: 10, endDate: END }))
        seen.push(m.text);
      expect(seen).toEqual(texts(0, 300));
      const latest = await testClient(fetch, { maxHistoryPages: 50 }).getLatestMessages("u", {
        count: 10,
        endDate: END,
      });
      expect(latest.messages.map((m) => m.text)).toEqual(texts(290, 300));
    });
  },
);

describe("maxHistoryPages", () => {
  it("still reads an honest history of exactly that many pages", async () => {
    for (const shape of ORDERS.map(([, s]) => s)) {
      const { fetch } = vendorHistory(100, shape);
      const seen: string[] = [];
      for await (const m of testClient(fetch, { maxHistoryPages: 10 }).iterateChatHistory("u", {
        pageSize: 10,
        endDate: END,
      }))
        seen.push(m.text);
      expect(seen).toEqual(texts(0, 100));
      const latest = await testClient(fetch, { maxHistoryPages: 10 }).getLatestMessages("u", {
        count: 10,
      });
      expect(latest.messages.map((m) => m.text)).toEqual(texts(90, 100));
    }
  });

  it("is refused at creation unless a positive integer, and bounds getLatestMessages' page", () => {
    const { fetch, requests } = vendorHistory(10);
    for (const bad of [0, -1, 1.5, Number.NaN])
      expect(() => testClient(fetch, { maxHistoryPages: bad })).toThrow(/maxHistoryPages/);
    const client = testClient(fetch, { maxHistoryPages: 5 });
    return failure(client.getLatestMessages("u", { page: 6 })).then((error) => {
      expect(error.name).toBe("MyBotBadRequestError");
      expect(error.message).toMatch(/page must be at most 5 \(maxHistoryPages\)/);
      expect(requests).toHaveLength(0);
    });
  });
});

describe("maxHistoryPages mistakes are the caller's, in the same form as other input errors", () => {
  const refusal = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      return error as MyBotApiError;
    }
    throw new Error("expected a refusal");
  };
  const PLAIN = {
    name: "MyBotBadRequestError",
    code: 1000,
    errorName: "INVALID_REQUEST_PARAMETER",
  };

  it.each([0, -1, 1.5, Number.NaN])(
    "a setting of %s is not the vendor's INVALID_PAGE_NUMBER",
    (bad) => {
      const error = refusal(() => testClient(vendorHistory(1).fetch, { maxHistoryPages: bad }));
      expect(error).toMatchObject({
        ...PLAIN,
        message: "maxHistoryPages must be a positive integer",
      });
    },
  );

  it("a getLatestMessages page past it", async () => {
    const client = testClient(vendorHistory(1).fetch, { maxHistoryPages: 5 });
    const error = await failure(client.getLatestMessages("u", { page: 6 }));
    expect(error).toMatchObject({ ...PLAIN, message: "page must be at most 5 (maxHistoryPages)" });
  });

  it.each(["oldest-first", "newest-first"] as const)(
    "a %s resume token past it, before any request",
    (order) => {
      const { fetch, requests } = vendorHistory(1000, { order });
      const client = testClient(fetch, { maxHistoryPages: 50 });
      // An oldest-first walk's last `next` may be the page just past the cap (to see it empty);
      // a newest-first walk's tokens count down from at most the cap.
      const most = order === "oldest-first" ? 51 : 50;
      const resume: HistoryResume = {
        startDate: null,
        endDate: END,
        order,
        page: most + 1,
        pageSize: 10,
      };
      const error = refusal(() => client.iterateChatHistory("u", { resume }));
      expect(error).toMatchObject({
        ...PLAIN,
        message: `resume.page must be at most ${most} (maxHistoryPages 50): the token comes from a walk with a higher maxHistoryPages`,
      });
      expect(requests).toHaveLength(0);
    },
  );

  it("the token an oldest-first walk gives with its last page at the cap is still taken", async () => {
    // Exactly 50 full pages without metadata: page 50 is full, so its `next` is page 51.
    const { fetch } = vendorHistory(500, { order: "oldest-first" });
    const options = { pageSize: 10, endDate: END };
    const chunks = testClient(fetch, { maxHistoryPages: 50 }).iterateChatHistory("u", options);
    let next: HistoryResume | null = null;
    for await (const chunk of chunks.pages()) {
      next = chunk.next;
      if (chunk.pageNumber === 50) break;
    }
    expect(next?.page).toBe(51);
    const rest = testClient(fetch, { maxHistoryPages: 50 }).iterateChatHistory("u", {
      ...options,
      resume: next as HistoryResume,
    });
    expect(await drain(rest)).toEqual({ yielded: 0, error: undefined });
  });
});

describe("resume tokens", () => {
  it.each(ORDERS)(
    "count from the page asked for, not the page_number the server echoes (%s)",
    async (_, shape) => {
      const liar = (body: Record<string, unknown>) => ({
        ...body,
        page_number: 77,
        pageNumber: 77,
        ...(body.pagination
          ? { pagination: { ...(body.pagination as object), pageNumber: 77, page_number: 77 } }
          : {}),
      });
      const { fetch } = lyingVendor(47, shape, (n) => n, liar);
      const seen = await readResumed(fetch, ({ numbers, next }) => {
        expect(numbers).not.toContain(77);
        expect(next?.page).toBe(numbers[1] === 2 ? 3 : (numbers[1] as number) - 1);
        return next as HistoryResume;
      });
      expect(seen).toEqual(texts(0, 47));
    },
  );
});

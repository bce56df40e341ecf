import { prng } from "@mybot/test-kit";
import { describe, expect, it } from "vitest";
import { pageFingerprint } from "./page-guard.ts";
import {
  endlessVendor,
  messageTime,
  testClient,
  type VendorShape,
  vendorHistory,
} from "./test-helpers.ts";
import type { ChatHistoryPage } from "./types.ts";

/** A seeded integer below `below`, so that a failure names its seed and replays. */
function random(seed: number) {
  const rand = prng(seed);
  return (below: number) => Math.floor(rand() * below);
}

const page = (texts: string[], times: number[]) =>
  ({
    messages: texts.map((text, i) => ({ id: `fp-${text}`, timestamp: times[i], text })),
  }) as unknown as ChatHistoryPage;

describe("pageFingerprint", () => {
  it("tells pages apart by any message's text, instant or count, not by object identity", () => {
    const base = pageFingerprint(page(["a", "b"], [1, 2]));
    expect(pageFingerprint(page(["a", "b"], [1, 2]))).toBe(base);
    expect(pageFingerprint(page(["a", "c"], [1, 2]))).not.toBe(base);
    expect(pageFingerprint(page(["a", "b"], [1, 3]))).not.toBe(base);
    expect(pageFingerprint(page(["a", "b", "b"], [1, 2, 2]))).not.toBe(base);
    expect(pageFingerprint(page(["ab", ""], [1, 2]))).not.toBe(
      pageFingerprint(page(["a", "b"], [1, 2])),
    );
  });
});

const SHAPES: VendorShape[] = [
  {},
  { order: "oldest-first" },
  { pageMetadata: true },
  { order: "oldest-first", pageMetadata: true },
  { rows: "oldest-first" },
];

describe("the guarded walks, on random servers (seeded)", () => {
  it("read every honest history whole, within the cap", async () => {
    for (let seed = 1; seed <= 60; seed++) {
      const next = random(seed);
      const total = next(120);
      const pageSize = 1 + next(12);
      const shape = SHAPES[next(SHAPES.length)] as VendorShape;
      const pages = Math.max(1, Math.ceil(total / pageSize));
      const { fetch } = vendorHistory(total, shape);
      const client = testClient(fetch, { maxHistoryPages: pages + next(3) });
      const seen: string[] = [];
      for await (const m of client.iterateChatHistory("u", { pageSize, endDate: messageTime(1e6) }))
        seen.push(m.text);
      expect({ seed, seen }).toEqual({
        seed,
        seen: Array.from({ length: total }, (_, i) => `message ${i}`),
      });
    }
  });

  it("read honest histories with runs of identical messages across page boundaries, at page sizes 1 and 2", async () => {
    // Without vendor ids, identical messages at one instant get ids numbered per page
    // (`fp-…`, `fp-…-2`), so such a run split across pages gives pages with the same ids.
    for (let seed = 1; seed <= 40; seed++) {
      const next = random(seed);
      const pageSize = 1 + (seed % 2);
      const runs: number[] = [];
      for (let c = 0, length = 4 + next(30); runs.length < length; c++) {
        for (let copies = 1 + next(5); copies > 0; copies--) runs.push(c);
      }
      const total = runs.length;
      const content = (i: number) => runs[i] as number;
      const shape = { ...(SHAPES[next(SHAPES.length)] as VendorShape), content };
      const expected = Array.from({ length: total }, (_, i) => `message ${content(i)}`);
      const { fetch } = vendorHistory(total, shape);
      const seen: string[] = [];
      for await (const m of testClient(fetch).iterateChatHistory("u", {
        pageSize,
        endDate: messageTime(1e6),
      }))
        seen.push(m.text);
      expect({ seed, seen }).toEqual({ seed, seen: expected });
      // The newest first, one by one, as the metrics exporter reads them at `page_size: 1`.
      const latest: string[] = [];
      for (let page = 1; page <= total; page++) {
        const read = await testClient(fetch).getLatestMessages("u", {
          count: 1,
          page,
          endDate: messageTime(1e6),
        });
        latest.unshift(...read.messages.map((m) => m.text));
      }
      expect({ seed, latest }).toEqual({ seed, latest: expected });
    }
  });

  it("end every lying history with an invalid_response error, in few requests", async () => {
    for (let seed = 1; seed <= 60; seed++) {
      const next = random(seed);
      const pageSize = 1 + next(5);
      const cap = 20 + next(40);
      const order = next(2) ? "oldest-first" : "newest-first";
      // The page a lying server answers instead: always page 1, one repeated page, or any.
      const lie = next(3);
      const repeated = 2 + next(10);
      const { fetch, requests } = endlessVendor(order, {
        lie: (asked) => (lie === 0 ? 1 : lie === 1 && asked === repeated + 1 ? repeated : asked),
      });
      const client = testClient(fetch, { maxHistoryPages: cap });
      let error: { name?: string } | undefined;
      try {
        for await (const _ of client.iterateChatHistory("u", { pageSize })) {
        }
      } catch (e) {
        error = e as { name?: string };
      }
      expect({ seed, name: error?.name }).toEqual({ seed, name: "MyBotInvalidResponseError" });
      expect(requests.length).toBeLessThanOrEqual(cap + 2);
      expect(
        Math.max(...requests.map((r) => Number(new URL(r.url).searchParams.get("page_number")))),
      ).toBeLessThanOrEqual(cap + 1);
    }
  });
});

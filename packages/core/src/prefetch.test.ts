import { describe, expect, it } from "vitest";
import { createPrefetcher } from "./prefetch.ts";
import type { ChatHistoryPage } from "./types.ts";

/** A fetcher whose requests stay open until settled by hand, recording each one's signal. */
function heldOpen() {
  const open = new Map<
    number,
    { signal?: AbortSignal; fail: (e: Error) => void; answer: () => void }
  >();
  let requests = 0;
  const fetchPage = (pageNumber: number, _size: number, signal?: AbortSignal) => {
    requests++;
    return new Promise<ChatHistoryPage>((resolve, reject) => {
      const page = { pagination: { pageNumber } } as ChatHistoryPage;
      open.set(pageNumber, { signal, fail: reject, answer: () => resolve(page) });
      signal?.addEventListener("abort", () => reject(signal.reason));
    });
  };
  return { fetchPage, open, requests: () => requests };
}

describe("createPrefetcher", () => {
  it("keeps at most `limit` requests waiting, and hands each over once", async () => {
    const { fetchPage, open, requests } = heldOpen();
    const early = createPrefetcher(fetchPage, 2);
    early.ahead([5, 4, 3], 10);
    expect([...open.keys()]).toEqual([5, 4]);
    early.ahead([5, 4, 3], 10);
    expect(requests()).toBe(2);
    open.get(5)?.answer();
    expect((await early.page(5, 10)).pagination.pageNumber).toBe(5);
    early.ahead([4, 3], 10);
    expect(requests()).toBe(3);
    // Taken already: asked for again.
    void early.page(5, 10);
    expect(requests()).toBe(4);
  });

  it("throws a failure when the page is taken, not before; close aborts the rest unreported", async () => {
    const { fetchPage, open } = heldOpen();
    const caller = new AbortController();
    const early = createPrefetcher(fetchPage, 3, caller.signal);
    early.ahead([1, 2, 3], 10);
    open.get(2)?.fail(new Error("page 2 failed"));
    await new Promise((resolve) => setTimeout(resolve, 5));
    open.get(1)?.answer();
    await early.page(1, 10);
    await expect(early.page(2, 10)).rejects.toThrow("page 2 failed");
    early.close();
    expect(open.get(3)?.signal?.aborted).toBe(true);
    expect(caller.signal.aborted).toBe(false);
  });

  it("passes the caller's abort on to every request", () => {
    const { fetchPage, open } = heldOpen();
    const caller = new AbortController();
    const early = createPrefetcher(fetchPage, 1, caller.signal);
    early.ahead([7], 10);
    void early.page(8, 10).catch(() => {});
    caller.abort(new Error("stop"));
    expect(open.get(7)?.signal?.aborted).toBe(true);
    expect(open.get(8)?.signal?.reason).toEqual(new Error("stop"));
    early.close();
  });

  it("makes no signal of its own until it asks ahead: a one-page walk pays for none", async () => {
    const { fetchPage, open } = heldOpen();
    const caller = new AbortController();
    const early = createPrefetcher(fetchPage, 2, caller.signal);
    void early.page(1, 10);
    expect(open.get(1)?.signal).toBe(caller.signal);
    early.ahead([2], 10);
    expect(open.get(2)?.signal).not.toBe(caller.signal);
    // Closing aborts it below: its rejection is this test's to handle.
    const third = early.page(3, 10).catch((error: unknown) => error);
    expect(open.get(3)?.signal).toBe(open.get(2)?.signal);
    early.close();
    expect(open.get(2)?.signal?.aborted).toBe(true);
    expect(await third).toEqual(new Error("the history walk ended before reaching this page"));
    expect(caller.signal.aborted).toBe(false);
  });

  it("at limit 0 requests nothing early and adds no signal", () => {
    const { fetchPage, open } = heldOpen();
    const early = createPrefetcher(fetchPage, 0, new AbortController().signal);
    early.ahead([1, 2], 10);
    expect(open.size).toBe(0);
    void early.page(1, 10);
    expect(open.get(1)?.signal).toBeUndefined();
  });
});

import { describe, expect, it } from "vitest";
import { historyBody, json, scriptedFetch, testClient } from "./test-helpers.ts";

function pagedServer(totalPages: number, perPage = 3) {
  return scriptedFetch((request) => {
    const n = Number(new URL(request.url).searchParams.get("page_number") ?? "1");
    return json(historyBody(n, n <= totalPages ? perPage : 0, totalPages, perPage));
  });
}

describe("iterateChatHistory", () => {
  it("yields every message of every page, in order, then stops", async () => {
    const { fetch, requests } = pagedServer(3);
    const ids: string[] = [];
    for await (const m of testClient(fetch).iterateChatHistory("u", { pageSize: 3 }))
      ids.push(m.id);
    expect(ids).toEqual(["p1-0", "p1-1", "p1-2", "p2-0", "p2-1", "p2-2", "p3-0", "p3-1", "p3-2"]);
    expect(requests.map((r) => new URL(r.url).searchParams.get("page_number"))).toEqual([
      "1",
      "2",
      "3",
    ]);
  });

  it("fetches lazily: one page per page consumed", async () => {
    const { fetch, requests } = pagedServer(100);
    const iterator = testClient(fetch)
      .iterateChatHistory("u", { pageSize: 3 })
      [Symbol.asyncIterator]();
    await iterator.next();
    await iterator.next();
    expect(requests).toHaveLength(1);
    await iterator.return?.();
  });

  it("resumes from a page and honours maxPages, passing filters on every page", async () => {
    const { fetch, requests } = pagedServer(10);
    const pages = [];
    for await (const page of testClient(fetch)
      .iterateChatHistory("u", { fromPage: 4, maxPages: 2, startDate: 1000, pageSize: 3 })
      .pages()) {
      pages.push(page.pagination.pageNumber);
    }
    expect(pages).toEqual([4, 5]);
    for (const r of requests) expect(new URL(r.url).searchParams.get("start_date")).toBe("1000");
  });

  it("stops on an empty page even if the server claims more", async () => {
    const { fetch, requests } = scriptedFetch(() =>
      json({
        messages: [],
        pagination: {
          pageNumber: 1,
          pageSize: 3,
          totalMessages: 9,
          totalPages: 3,
          hasNextPage: true,
        },
      }),
    );
    const all = [];
    for await (const m of testClient(fetch).iterateChatHistory("u")) all.push(m);
    expect(all).toEqual([]);
    expect(requests).toHaveLength(1);
  });

  it("checks its input at the call, before any request", () => {
    const { fetch, requests } = pagedServer(1);
    const client = testClient(fetch);
    expect(() => client.iterateChatHistory("u", { fromPage: 0 })).toThrow(/fromPage/);
    expect(() => client.iterateChatHistory("u", { startDate: 9, endDate: 1 })).toThrow(/startDate/);
    expect(() => client.iterateChatHistory("")).toThrow(/channelUserId/);
    expect(requests).toHaveLength(0);
  });
});

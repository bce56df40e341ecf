import { botPath } from "@mybot/test-kit";
import { describe, expect, it, vi } from "vitest";
import { createMyBotClient } from "./client.ts";
import { failure, historyBody, json, scriptedFetch, TEST_KEY, testClient } from "./test-helpers.ts";

describe("getMatchingUsers", () => {
  it("sends the vendor's path, query and Basic key as issued", async () => {
    const { fetch, requests } = scriptedFetch(() =>
      json({
        users: [
          {
            channelUserId: "919812345678",
            channel: "whatsapp",
            name: "Asha",
            attributes: { c1: "straberry" },
          },
        ],
        total: 1,
      }),
    );
    const users = await testClient(fetch).getMatchingUsers({
      attributeName: "c1",
      attributeValue: "straberry",
    });
    expect(users).toEqual([
      {
        channelUserId: "919812345678",
        channel: "whatsapp",
        name: "Asha",
        attributes: { c1: "straberry" },
      },
    ]);
    const [request] = requests;
    expect(request?.method).toBe("GET");
    expect(request?.url).toBe(
      `https://mybot.test${botPath()}/users?attribute_name=c1&attribute_value=straberry`,
    );
    expect(request?.headers.get("authorization")).toBe(`Basic ${TEST_KEY}`);
    expect(request?.headers.get("user-agent")).toMatch(/^mybot-core\//);
  });

  it("encodes attribute values with spaces and symbols", async () => {
    const { fetch, requests } = scriptedFetch(() => json({ users: [], total: 0 }));
    await testClient(fetch).getMatchingUsers({
      attributeName: "full name",
      attributeValue: "Asha & co+1",
    });
    const url = new URL(requests[0]?.url ?? "");
    expect(url.searchParams.get("attribute_name")).toBe("full name");
    expect(url.searchParams.get("attribute_value")).toBe("Asha & co+1");
  });

  it("keeps unknown fields and fills missing optional ones", async () => {
    const { fetch } = scriptedFetch(() =>
      json({ users: [{ channelUserId: "7", extra: { x: 1 } }], total: 1, cursor: "z" }),
    );
    const [user] = await testClient(fetch).getMatchingUsers({
      attributeName: "a",
      attributeValue: "b",
    });
    expect(user).toEqual({
      channelUserId: "7",
      extra: { x: 1 },
      attributes: {},
      name: null,
      channel: "unknown",
    });
  });

  it("rejects empty attributes without sending", async () => {
    const { fetch, requests } = scriptedFetch(() => json({ users: [], total: 0 }));
    const error = await failure(
      testClient(fetch).getMatchingUsers({ attributeName: "", attributeValue: "x" }),
    );
    expect(error.name).toBe("MyBotBadRequestError");
    expect(error.message).toContain("attributeName");
    expect(error.attempts).toBe(0);
    expect(requests).toHaveLength(0);
  });
});

describe("getChatHistory", () => {
  it("sends dates as epoch ms from Date or number, and the paging parameters", async () => {
    const { fetch, requests } = scriptedFetch(() => json(historyBody(2, 3, 5, 50)));
    const page = await testClient(fetch).getChatHistory("919812345678", {
      startDate: new Date("2024-01-01T00:00:00Z"),
      endDate: 1_704_153_600_000,
      pageNumber: 2,
      pageSize: 50,
    });
    const url = new URL(requests[0]?.url ?? "");
    expect(url.pathname).toBe(`${botPath()}/channel-user/919812345678/conversations`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      start_date: "1704067200000",
      end_date: "1704153600000",
      page_number: "2",
      page_size: "50",
    });
    expect(page.messages).toHaveLength(3);
    expect(page.pagination).toMatchObject({
      pageNumber: 2,
      pageSize: 50,
      totalPages: 5,
      hasNextPage: true,
    });
  });

  it("percent-encodes ids such as phone numbers with + and ids with /", async () => {
    const { fetch, requests } = scriptedFetch(() => json(historyBody(1, 0, 0)));
    const client = testClient(fetch);
    await client.getChatHistory("+91 98123/45678");
    expect(new URL(requests[0]?.url ?? "").pathname).toContain(
      "/channel-user/%2B91%2098123%2F45678/conversations",
    );
  });

  it.each([
    ["an empty id", "", {}, 1002],
    ["a dot-dot id", "..", {}, 1002],
    ["an id with a newline", "a\nb", {}, 1002],
    ["startDate equal to endDate", "u", { startDate: 5, endDate: 5 }, 1003],
    ["startDate after endDate", "u", { startDate: new Date(10), endDate: new Date(5) }, 1003],
    ["an invalid Date", "u", { startDate: new Date("nope") }, 1003],
    ["a negative date", "u", { endDate: -1 }, 1003],
    ["page 0", "u", { pageNumber: 0 }, 1004],
    ["page 1.5", "u", { pageNumber: 1.5 }, 1004],
    ["page size 0", "u", { pageSize: 0 }, 1000],
    ["page size 1001", "u", { pageSize: 1001 }, 1000],
  ])("rejects %s before sending", async (_, id, options, code) => {
    const { fetch, requests } = scriptedFetch(() => json(historyBody(1, 0, 0)));
    const error = await failure(testClient(fetch).getChatHistory(id, options));
    expect(error).toMatchObject({ name: "MyBotBadRequestError", code, attempts: 0 });
    expect(requests).toHaveLength(0);
  });

  it("leaves dates and paging to the server with validateInput: false", async () => {
    const { fetch, requests } = scriptedFetch(() =>
      json(
        {
          errorCode: 1004,
          errorMessage: "INVALID_PAGE_NUMBER",
          errorDetails: "Please enter the correct page number.",
        },
        400,
      ),
    );
    const client = testClient(fetch, { validateInput: false });
    const error = await failure(
      client.getChatHistory("u", { pageNumber: 0, startDate: 9, endDate: 1 }),
    );
    expect(error).toMatchObject({ name: "MyBotBadRequestError", code: 1004, attempts: 1 });
    expect(Object.fromEntries(new URL(requests[0]?.url ?? "").searchParams)).toEqual({
      page_number: "0",
      start_date: "9",
      end_date: "1",
    });
    await expect(client.getChatHistory("")).rejects.toThrow(/channelUserId/);
    expect(requests).toHaveLength(1);
  });

  it("fills pagination the server left out", async () => {
    const { fetch } = scriptedFetch(() => json({ messages: historyBody(1, 10, 1).messages }));
    const page = await testClient(fetch).getChatHistory("u", { pageSize: 10 });
    expect(page.channelUserId).toBe("u");
    expect(page.pagination).toMatchObject({ pageNumber: 1, pageSize: 10, hasNextPage: true });
  });
});

describe("errors from the server", () => {
  it.each([
    [
      400,
      {
        errorCode: 1004,
        errorMessage: "INVALID_PAGE_NUMBER",
        errorDetails: "Please enter the correct page number.",
      },
      "MyBotBadRequestError",
    ],
    [
      401,
      { errorCode: 401, errorMessage: "UNAUTHORIZED", errorDetails: "revoked" },
      "MyBotAuthError",
    ],
    [
      403,
      { errorCode: 403, errorMessage: "FORBIDDEN", errorDetails: "other bot" },
      "MyBotAuthError",
    ],
    [
      404,
      { errorCode: 404, errorMessage: "NOT_FOUND", errorDetails: "no bot" },
      "MyBotNotFoundError",
    ],
  ])("maps %i without retrying", async (status, body, name) => {
    const { fetch, requests } = scriptedFetch(() =>
      json(body, status, { "x-request-id": "req-42" }),
    );
    const error = await failure(testClient(fetch).getChatHistory("u"));
    expect(error).toMatchObject({
      name,
      status,
      code: body.errorCode,
      errorName: body.errorMessage,
      details: body.errorDetails,
      requestId: "req-42",
      attempts: 1,
    });
    expect(error.message).toContain(body.errorMessage);
    expect(requests).toHaveLength(1);
  });

  it("retries 5xx, then reports the last failure with the attempt count", async () => {
    const { fetch, requests } = scriptedFetch(() =>
      json({ errorCode: 503, errorMessage: "SERVICE_UNAVAILABLE", errorDetails: "down" }, 503),
    );
    const error = await failure(testClient(fetch, { maxRetries: 3 }).getChatHistory("u"));
    expect(error).toMatchObject({
      name: "MyBotServerError",
      status: 503,
      attempts: 4,
    });
    expect(requests).toHaveLength(4);
  });

  it("retries 408, 429 and 500 and succeeds when the server recovers", async () => {
    const statuses = [408, 429, 500];
    const { fetch, requests } = scriptedFetch((_, n) =>
      n <= 3 ? json({}, statuses[n - 1]) : json(historyBody(1, 1, 1)),
    );
    const page = await testClient(fetch, { maxRetries: 3 }).getChatHistory("u");
    expect(page.messages).toHaveLength(1);
    expect(requests).toHaveLength(4);
  });

  it("waits for Retry-After in seconds", async () => {
    const times: number[] = [];
    const { fetch } = scriptedFetch((_, n) => {
      times.push(Date.now());
      return n === 1
        ? json({ errorCode: 429 }, 429, { "retry-after": "1" })
        : json({ users: [], total: 0 });
    });
    await testClient(fetch).getMatchingUsers({ attributeName: "a", attributeValue: "b" });
    expect((times[1] ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(950);
  });

  it("waits for Retry-After as an HTTP date, capped by maxRetryAfterMs", async () => {
    const times: number[] = [];
    const far = new Date(Date.now() + 3_600_000).toUTCString();
    const { fetch } = scriptedFetch((_, n) => {
      times.push(Date.now());
      return n === 1 ? json({}, 503, { "retry-after": far }) : json({ users: [], total: 0 });
    });
    await testClient(fetch, { maxRetryAfterMs: 300 }).getMatchingUsers({
      attributeName: "a",
      attributeValue: "b",
    });
    const waited = (times[1] ?? 0) - (times[0] ?? 0);
    expect(waited).toBeGreaterThanOrEqual(250);
    expect(waited).toBeLessThan(2000);
  });

  it("gives up at once when Retry-After is past the total budget", async () => {
    const { fetch, requests } = scriptedFetch(() =>
      json({ errorCode: 429 }, 429, { "retry-after": "30" }),
    );
    const started = Date.now();
    const error = await failure(
      testClient(fetch, { totalTimeoutMs: 1000 }).getMatchingUsers({
        attributeName: "a",
        attributeValue: "b",
      }),
    );
    expect(error).toMatchObject({ name: "MyBotRateLimitError", attempts: 1 });
    expect(Date.now() - started).toBeLessThan(900);
    expect(requests).toHaveLength(1);
  });

  it("retries connection failures and then reports a connection error", async () => {
    const { fetch, requests } = scriptedFetch(() => {
      throw new TypeError("fetch failed");
    });
    const error = await failure(testClient(fetch).getChatHistory("u"));
    expect(error).toMatchObject({ name: "MyBotConnectionError", attempts: 3 });
    expect(error.message).toContain("fetch failed");
    expect(requests).toHaveLength(3);
  });

  it("times out a hanging attempt and retries it", async () => {
    const { fetch, requests } = scriptedFetch((request, n) =>
      n === 1
        ? new Promise((_, reject) =>
            request.signal.addEventListener("abort", () => reject(request.signal.reason)),
          )
        : json(historyBody(1, 1, 1)),
    );
    const page = await testClient(fetch, { timeoutMs: 100 }).getChatHistory("u");
    expect(page.messages).toHaveLength(1);
    expect(requests).toHaveLength(2);
  });

  it("stops at the total budget across retries", async () => {
    const { fetch } = scriptedFetch(
      (request) =>
        new Promise((_, reject) =>
          request.signal.addEventListener("abort", () => reject(request.signal.reason)),
        ),
    );
    const started = Date.now();
    const error = await failure(
      testClient(fetch, { timeoutMs: 200, totalTimeoutMs: 500, maxRetries: 10 }).getChatHistory(
        "u",
      ),
    );
    expect(error).toMatchObject({ name: "MyBotTimeoutError" });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it("measures the total budget on a monotonic clock: a wall clock set forward spends none of it", async () => {
    const real = Date.now;
    let jump = 0;
    vi.spyOn(Date, "now").mockImplementation(() => real() + jump);
    const { fetch } = scriptedFetch(() => {
      // NTP or a resumed VM moves the wall clock an hour on while the request is out.
      jump = 3_600_000;
      return json(historyBody(1, 1, 1), 503);
    });
    try {
      const error = await failure(
        testClient(fetch, { totalTimeoutMs: 60_000, maxRetries: 1 }).getChatHistory("u"),
      );
      expect(error).toMatchObject({ name: "MyBotServerError", attempts: 2 });
    } finally {
      vi.restoreAllMocks();
    }
  });

  it("honours the caller's AbortSignal during a request and during back-off", async () => {
    const hanging = scriptedFetch(
      (request) =>
        new Promise((_, reject) =>
          request.signal.addEventListener("abort", () => reject(request.signal.reason)),
        ),
    );
    const error = await failure(
      testClient(hanging.fetch).getChatHistory("u", { signal: AbortSignal.timeout(50) }),
    );
    expect(error).toMatchObject({ name: "MyBotAbortError" });

    const failing = scriptedFetch(() => json({}, 503, { "retry-after": "10" }));
    const started = Date.now();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const during = await failure(
      testClient(failing.fetch).getChatHistory("u", { signal: controller.signal }),
    );
    expect(during.name).toBe("MyBotAbortError");
    expect(Date.now() - started).toBeLessThan(2000);
    expect(failing.requests).toHaveLength(1);
  });

  it("reports a body that is not JSON without retrying", async () => {
    const { fetch, requests } = scriptedFetch(
      () =>
        new Response('{"messages": [ oops', { headers: { "content-type": "application/json" } }),
    );
    const error = await failure(testClient(fetch).getChatHistory("u"));
    expect(error).toMatchObject({ name: "MyBotInvalidResponseError" });
    expect(requests).toHaveLength(1);
  });

  it("reports a 200 without the documented list", async () => {
    const { fetch } = scriptedFetch(() => json({ data: [] }));
    const error = await failure(
      testClient(fetch).getMatchingUsers({ attributeName: "a", attributeValue: "b" }),
    );
    expect(error.name).toBe("MyBotInvalidResponseError");
  });
});

describe("the API key stays secret", () => {
  it("never appears in messages, serialized errors or logs, even when the server echoes it", async () => {
    const lines: string[] = [];
    const line = (m: string, f?: Record<string, unknown>) => lines.push(m + JSON.stringify(f));
    const logger = { debug: line, info: line, warn: line, error: line };
    const { fetch } = scriptedFetch((request) =>
      json(
        {
          errorCode: 401,
          errorMessage: "UNAUTHORIZED",
          errorDetails: `key ${request.headers.get("authorization")} is revoked`,
        },
        401,
      ),
    );
    const error = await failure(
      testClient(fetch, { logger, logLevel: "debug" }).getChatHistory("u"),
    );
    const failing = scriptedFetch(() => {
      throw new TypeError(`connect ECONNREFUSED with ${TEST_KEY}`);
    });
    const connection = await failure(
      testClient(failing.fetch, { logger, logLevel: "debug" }).getChatHistory("u"),
    );
    for (const e of [error, connection]) {
      const everything = [
        e.message,
        e.details ?? "",
        JSON.stringify(e),
        String(e),
        e.stack ?? "",
        ...lines,
      ].join("\n");
      expect(everything).not.toContain(TEST_KEY);
    }
    expect(error.details).toContain("[redacted]");
    expect(lines.length).toBeGreaterThan(0);
  });
});

describe("createMyBotClient", () => {
  it("rejects a bad configuration with a clear message", () => {
    const base = { baseUrl: "https://x.test", apiKey: "k", customerId: "1", botKey: "b" };
    expect(() => createMyBotClient({ ...base, baseUrl: "not a url" })).toThrow(
      "baseUrl must be an absolute http(s) URL",
    );
    expect(() => createMyBotClient({ ...base, baseUrl: "ftp://x.test" })).toThrow(
      "baseUrl must be an absolute http(s) URL",
    );
    expect(() => createMyBotClient({ ...base, apiKey: "" })).toThrow(/apiKey/);
    expect(() => createMyBotClient({ ...base, customerId: "" })).toThrow(/customerId/);
  });

  it("uses the global fetch when none is given, looked up at call time", async () => {
    const { fetch, requests } = scriptedFetch(() => json({ users: [], total: 0 }));
    vi.stubGlobal("fetch", fetch);
    try {
      const client = createMyBotClient({
        baseUrl: "https://x.test/",
        apiKey: "k",
        customerId: "1",
        botKey: "b",
      });
      await client.getMatchingUsers({ attributeName: "a", attributeValue: "b" });
      expect(requests[0]?.url).toBe(
        "https://x.test/bot-api/v1.0/customer/1/bot/b/users?attribute_name=a&attribute_value=b",
      );
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

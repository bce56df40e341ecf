import { botPath } from "@mybot/test-kit";
import { describe, expect, it } from "vitest";
import type { MyBotHooks, MyBotResponseEvent, MyBotRetryEvent } from "./hooks.ts";
import { failure, json, scriptedFetch, TEST_KEY, testClient } from "./test-helpers.ts";

const HISTORY_ROUTE =
  "/bot-api/v1.0/customer/{customerId}/bot/{botKey}/channel-user/{channelUserId}/conversations";
const message = {
  timestamp: "2026-08-01 20:51:14.250+0530",
  sender: "bot",
  response: "Hi",
  message_type: "TEXT",
};

/** Hooks that record every event as `name:attempt:status`, and the events themselves. */
function recordingHooks() {
  const seen: string[] = [];
  const events: ({ name: string } & Partial<MyBotRetryEvent & MyBotResponseEvent>)[] = [];
  const record = (name: string) => (event: { attempt: number; status?: number | undefined }) => {
    seen.push(`${name}:${event.attempt}:${event.status ?? "-"}`);
    events.push({ name, ...event });
  };
  const hooks: MyBotHooks = {
    onRequest: record("request"),
    onResponse: record("response"),
    onRetry: record("retry"),
    onError: record("error"),
  };
  return { hooks, seen, events };
}

describe("hooks", () => {
  it("tell each attempt, answer and retry, with the operation, route, timing and request id", async () => {
    const { fetch } = scriptedFetch((_, n) =>
      n === 1
        ? json({ errorCode: 503, errorMessage: "BUSY" }, 503, { "x-request-id": "req-1" })
        : json({ conversations: [message] }, 200, {
            "x-request-id": "req-2",
            "x-ratelimit-limit": "100",
            "x-ratelimit-remaining": "41",
            "x-ratelimit-reset": "30",
          }),
    );
    const { hooks, seen, events } = recordingHooks();
    const page = await testClient(fetch, { hooks }).getChatHistory("919812345678");

    expect(page.messages).toHaveLength(1);
    expect(seen).toEqual([
      "request:1:-",
      "response:1:503",
      "retry:1:503",
      "request:2:-",
      "response:2:200",
    ]);
    const [request, answer, retry, , ok] = events;
    expect(request).toMatchObject({
      operation: "getChatHistory",
      method: "GET",
      route: HISTORY_ROUTE,
      url: `https://mybot.test${botPath()}/channel-user/919812345678/conversations`,
    });
    expect(request?.headers).toMatchObject({ authorization: "Basic [redacted]" });
    expect(JSON.stringify(events)).not.toContain(TEST_KEY);
    expect(answer).toMatchObject({ requestId: "req-1", rateLimit: undefined });
    expect(answer?.durationMs).toBeGreaterThanOrEqual(0);
    expect(retry).toMatchObject({ requestId: "req-1", status: 503 });
    expect(retry?.error?.name).toBe("MyBotServerError");
    expect(retry?.delayMs).toBeGreaterThanOrEqual(0);
    expect(ok).toMatchObject({
      requestId: "req-2",
      rateLimit: { limit: 100, remaining: 41, resetMs: 30_000 },
    });
  });

  it("tell the final failure once, with the error the call throws", async () => {
    const { fetch } = scriptedFetch(() =>
      json({ errorCode: 401, errorMessage: "UNAUTHORIZED" }, 401),
    );
    const { hooks, seen, events } = recordingHooks();
    const error = await failure(
      testClient(fetch, { hooks }).getMatchingUsers({ attributeName: "a", attributeValue: "b" }),
    );
    expect(seen).toEqual(["request:1:-", "response:1:401", "error:1:401"]);
    expect(events[2]).toMatchObject({ operation: "getMatchingUsers", error });
  });

  it("tell a connection failure without an answer", async () => {
    const { fetch } = scriptedFetch(() => {
      throw new TypeError("connect ECONNREFUSED");
    });
    const { hooks, seen, events } = recordingHooks();
    await failure(testClient(fetch, { hooks, maxRetries: 1 }).getChatHistory("u"));
    expect(seen).toEqual(["request:1:-", "retry:1:-", "request:2:-", "error:2:-"]);
    expect(events[3]?.error?.name).toBe("MyBotConnectionError");
  });

  it("tell a 200 whose body cannot be read as an error", async () => {
    const { fetch } = scriptedFetch(() => json({ data: [] }));
    const { hooks, seen } = recordingHooks();
    const error = await failure(testClient(fetch, { hooks }).getChatHistory("u"));
    expect(error.name).toBe("MyBotInvalidResponseError");
    expect(seen).toEqual(["request:1:-", "response:1:200", "error:1:200"]);
  });

  it("never change the outcome: a hook that throws or rejects is logged at error", async () => {
    const { fetch } = scriptedFetch(() => json({ conversations: [message] }));
    const logged: string[] = [];
    const client = testClient(fetch, {
      logLevel: "error",
      logger: { error: (line) => logged.push(line) },
      hooks: {
        onRequest: () => {
          throw new Error("hook bug");
        },
        onResponse: async () => {
          throw new Error("async hook bug");
        },
      },
    });
    const page = await client.getChatHistory("u");
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(page.messages[0]?.text).toBe("Hi");
    expect(logged).toEqual([
      "mybot: the onRequest hook threw: hook bug",
      "mybot: the onResponse hook threw: async hook bug",
    ]);
  });
});

describe("what hooks and instrumentations cannot do", () => {
  it("see a credential: bare tokens, API-key headers and the key anywhere are redacted", async () => {
    const { fetch } = scriptedFetch(() => json({ conversations: [message] }));
    const seen: Record<string, string>[] = [];
    const client = testClient(fetch, {
      hooks: { onRequest: (e) => void seen.push(e.headers) },
      middleware: [
        {
          onRequest({ request }) {
            request.headers.set("proxy-authorization", "rawtoken123");
            request.headers.set("x-api-key", "k-999");
            request.headers.set("x-echo", `copy of ${TEST_KEY}`);
          },
        },
      ],
    });
    await client.getChatHistory("u");
    expect(seen[0]).toMatchObject({
      authorization: "Basic [redacted]",
      "proxy-authorization": "[redacted]",
      "x-api-key": "[redacted]",
      "x-echo": "copy of [redacted]",
    });
  });

  it("change an outcome: an instrumentation that throws is logged, the call goes on", async () => {
    const { fetch, requests } = scriptedFetch(() => json({ conversations: [message] }));
    const logged: string[] = [];
    const boom = () => {
      throw new Error(`broken with ${TEST_KEY}`);
    };
    const client = testClient(fetch, {
      logLevel: "error",
      logger: { error: (line) => logged.push(line) },
      tracing: { observe: () => ({ sent: boom, answered: boom, ended: boom }) },
    });
    const page = await client.getChatHistory("u");
    expect(page.messages).toHaveLength(1);
    expect(requests).toHaveLength(1);
    expect(logged).toEqual([
      'mybot: an instrumentation threw at "sent": broken with [redacted]',
      'mybot: an instrumentation threw at "answered": broken with [redacted]',
      'mybot: an instrumentation threw at "ended": broken with [redacted]',
    ]);
  });

  it("describe an attempt that a middleware ended before the fetch as the one before it", async () => {
    const { fetch } = scriptedFetch(() => json({ errorCode: 503 }, 503, { "x-request-id": "r1" }));
    const { hooks, seen, events } = recordingHooks();
    let calls = 0;
    const client = testClient(fetch, {
      hooks,
      maxRetries: 1,
      middleware: [
        {
          onRequest() {
            if (++calls === 2) throw new TypeError("offline");
          },
        },
      ],
    });
    await failure(client.getChatHistory("u"));
    expect(seen).toEqual(["request:1:-", "response:1:503", "retry:1:503", "error:2:-"]);
    expect(events[3]).toMatchObject({ attempt: 2, url: "", requestId: undefined });
  });
});

describe("rate-limit facts on errors", () => {
  it("carry Retry-After and the rate-limit headers of the last answer, parsed", async () => {
    const { fetch } = scriptedFetch(() =>
      json({ errorCode: 429, errorMessage: "TOO_MANY_REQUESTS" }, 429, {
        "retry-after": "0",
        "ratelimit-limit": "60",
        "ratelimit-remaining": "0",
        "ratelimit-reset": "12",
      }),
    );
    const error = await failure(testClient(fetch, { maxRetries: 1 }).getChatHistory("u"));
    expect(error.name).toBe("MyBotRateLimitError");
    expect(error.attempts).toBe(2);
    expect(error.rateLimit).toEqual({ limit: 60, remaining: 0, resetMs: 12_000, retryAfterMs: 0 });
    expect(error.toJSON().rateLimit).toEqual(error.rateLimit);
  });

  it("are absent when the server sent none", async () => {
    const { fetch } = scriptedFetch(() => json({ errorCode: 404, errorMessage: "NOT_FOUND" }, 404));
    const error = await failure(testClient(fetch).getChatHistory("u"));
    expect(error.rateLimit).toBeUndefined();
  });
});

describe("openapi-fetch middleware", () => {
  it("runs on real Requests and Responses, and what it changes is sent and read", async () => {
    const { fetch, requests } = scriptedFetch(() => json({ conversations: [message] }));
    const seen: unknown[] = [];
    const client = testClient(fetch, {
      middleware: [
        {
          onRequest({ request }) {
            seen.push(request instanceof Request, request.method, new URL(request.url).pathname);
            request.headers.set("x-trace", "abc");
            return request;
          },
          onResponse({ response }) {
            seen.push(response.status);
            const body = { conversations: [{ ...message, response: "changed" }] };
            return new Response(JSON.stringify(body), { status: 200, headers: response.headers });
          },
        },
      ],
    });
    const page = await client.getChatHistory("919812345678");
    expect(seen).toEqual([
      true,
      "GET",
      `${botPath()}/channel-user/919812345678/conversations`,
      200,
    ]);
    expect(requests[0]?.headers.get("x-trace")).toBe("abc");
    expect(requests[0]?.headers.get("authorization")).toBe(`Basic ${TEST_KEY}`);
    expect(page.messages[0]?.text).toBe("changed");
  });

  it("keeps the timeout: a hanging fetch behind middleware still times out", async () => {
    const hanging = ((request: Request) =>
      new Promise((_, reject) =>
        request.signal.addEventListener("abort", () => reject(request.signal.reason)),
      )) as typeof globalThis.fetch;
    const client = testClient(hanging, {
      timeoutMs: 20,
      maxRetries: 0,
      middleware: [{ onRequest: ({ request }) => request }],
    });
    const error = await failure(client.getChatHistory("u"));
    expect(error.name).toBe("MyBotTimeoutError");
  });
});

import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { createMyBotClient } from "./client.ts";
import { kindOf, type MyBotApiError } from "./errors.ts";
import type { MyBotHooks } from "./hooks.ts";
import { redactDeep } from "./redact.ts";
import { failure, json, TEST_KEY, testClient } from "./test-helpers.ts";
import type { MyBotClientOptions } from "./types.ts";

/** A key no other string of the suite could hold by chance; short enough to survive clipping. */
const KEY = `Zq7#${TEST_KEY.slice(0, 24)}`;
const AUTH = `Basic ${KEY}`;
const URL_WITH_KEY = `https://mybot.test/bot-api?key=${encodeURIComponent(KEY)}&raw=${KEY}`;

/** A fetch that answers with `respond(request, signal)`, after the client built the request. */
function serving(
  respond: (request: Request, signal: AbortSignal | undefined) => Promise<Response>,
) {
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    return respond(request, init?.signal ?? request.signal);
  }) as typeof fetch;
}

/** A body read by a JSON parser that quotes the body in its message, as some runtimes do. */
const quotingParser = async () => {
  throw new SyntaxError(`Unexpected token 'Z', "${KEY} is not a body" is not valid JSON`);
};

/** Every way a server or the network can fail, each echoing the key where it can. */
const FAILURES: [string, Partial<MyBotClientOptions>, () => AbortController | undefined][] = [
  [
    "connection",
    {
      fetch: serving(async (request) => {
        // Like undici: a TypeError whose message and cause chain name the URL and headers.
        throw new TypeError(`fetch failed: ${URL_WITH_KEY}`, {
          cause: Object.assign(
            new Error(`connect ECONNREFUSED (${request.headers.get("authorization")})`),
            { code: "ECONNREFUSED", headers: { authorization: AUTH }, nested: [{ key: KEY }] },
          ),
        });
      }),
    },
    () => undefined,
  ],
  [
    "timeout",
    {
      timeoutMs: 20,
      fetch: serving(
        (request, signal) =>
          new Promise((_, reject) =>
            signal?.addEventListener("abort", () =>
              reject(
                new DOMException(
                  `aborted ${request.url} with ${request.headers.get("authorization")}`,
                  "AbortError",
                ),
              ),
            ),
          ),
      ),
    },
    () => undefined,
  ],
  [
    "auth",
    {
      fetch: serving(async (request) =>
        json(
          {
            errorCode: 401,
            errorMessage: `UNAUTHORIZED ${KEY}`,
            errorDetails: `key ${request.headers.get("authorization")} is revoked`,
            echo: { headers: { authorization: AUTH }, [KEY]: [KEY] },
          },
          401,
          { "x-request-id": `req-${KEY}` },
        ),
      ),
    },
    () => undefined,
  ],
  [
    "server",
    {
      fetch: serving(async () =>
        json({ errorCode: 503, errorMessage: "BUSY", description: `upstream saw ${AUTH}` }, 503),
      ),
    },
    () => undefined,
  ],
  [
    "invalid_response",
    {
      // Not JSON, read by a parser that quotes the body in its message (as some runtimes do).
      fetch: serving(async () =>
        Object.assign(new Response(`${KEY} is not a body`, { status: 200 }), {
          json: quotingParser,
          text: quotingParser,
        }),
      ),
    },
    () => undefined,
  ],
  [
    "invalid_response",
    {
      // A message whose timestamp is the key, read lazily after the call.
      fetch: serving(async () =>
        json({ conversations: [{ timestamp: KEY, sender: "bot", response: "hi" }] }),
      ),
    },
    () => undefined,
  ],
  [
    "aborted",
    {
      fetch: serving((_, signal) => {
        return new Promise((_, reject) =>
          signal?.addEventListener("abort", () => reject(signal.reason)),
        );
      }),
    },
    () => {
      const controller = new AbortController();
      setTimeout(() => controller.abort(new Error(`shutting down ${AUTH}`)), 10);
      return controller;
    },
  ],
];

describe("the API key", () => {
  it.each(FAILURES)(
    "is nowhere in a %s error, its cause, its JSON, its inspection, the hooks or the debug log",
    async (kind, overrides, abort) => {
      const lines: unknown[] = [];
      const events: unknown[] = [];
      const record = (name: string) => (event: unknown) => void events.push({ name, event });
      const hooks: MyBotHooks = {
        onRequest: record("request"),
        onResponse: record("response"),
        onRetry: record("retry"),
        onError: record("error"),
      };
      const logger = {
        error: (...args: unknown[]) => void lines.push(args),
        warn: (...args: unknown[]) => void lines.push(args),
        info: (...args: unknown[]) => void lines.push(args),
        debug: (...args: unknown[]) => void lines.push(args),
      };
      const client = testClient(overrides.fetch as typeof fetch, {
        ...overrides,
        apiKey: KEY,
        maxRetries: 1,
        hooks,
        logger,
        logLevel: "debug",
      });
      const signal = abort()?.signal;
      const error: MyBotApiError = await failure(
        client.getChatHistory("919812345678", { signal }).then((page) => page.messages),
      );
      expect(kindOf(error)).toBe(kind);

      const views = [
        error.message,
        String(error),
        error.stack ?? "",
        JSON.stringify(error),
        JSON.stringify(error.toJSON()),
        String(error.cause),
        inspect(error, { depth: 10 }),
        inspect(error.body, { depth: 10 }),
        inspect(events, { depth: 10 }),
        inspect(lines, { depth: 10 }),
      ];
      for (const view of views) expect(view).not.toContain(KEY);
      // The percent-encoded key too, as a URL would carry it.
      for (const view of views) expect(view).not.toContain(encodeURIComponent(KEY));
      // Something was said: the test would pass vacuously on an empty error.
      expect(error.message.length).toBeGreaterThan(10);
      expect(lines.length + events.length).toBeGreaterThan(0);
    },
  );

  it("keeps the cause itself when it holds no secret", async () => {
    const reason = new Error("user left");
    const controller = new AbortController();
    controller.abort(reason);
    const client = testClient(serving(async () => json({ conversations: [] })));
    const error = await failure(client.getChatHistory("u", { signal: controller.signal }));
    expect(error.cause).toBe(reason);
  });
});

describe("createMyBotClient refuses, without echoing the secret", () => {
  const base = { baseUrl: "https://x.test", apiKey: "k3y-valid", customerId: "1", botKey: "b" };
  const refusal = (options: Partial<MyBotClientOptions>) => {
    try {
      createMyBotClient({ ...base, ...options });
    } catch (error) {
      return error as MyBotApiError;
    }
    throw new Error("expected a refusal");
  };

  /** Refused with `sentence` (the message, or a pattern of it), never showing `secret`. */
  const expectRefusal = (
    options: Partial<MyBotClientOptions>,
    sentence: string | RegExp,
    secret?: string,
  ) => {
    const error = refusal(options);
    expect(error.name).toBe("MyBotBadRequestError");
    if (typeof sentence === "string") expect(error.message).toBe(sentence);
    else expect(error.message).toMatch(sentence);
    if (secret !== undefined) expect(inspect(error, { depth: 10 })).not.toContain(secret);
  };

  it.each([
    ["a line feed", "sk-live-9f8e7d\n"],
    ["a carriage return", "sk-live-9f8e7d\r"],
    ["a CR LF and a header after it", "sk-live-9f8e7d\r\nX-Evil: 1"],
    ["a NUL", "sk-live\u00009f8e7d"],
    ["a tab", "sk-live\t9f8e7d"],
    ["an escape", "sk-live\u001b[31m9f8e7d"],
    ["a DEL", "sk-live\u007f9f8e7d"],
  ])("an apiKey with %s", (_, apiKey) =>
    expectRefusal(
      { apiKey },
      "apiKey must not contain control characters (a line break or tab copied with it?)",
      "9f8e7d",
    ),
  );

  it.each([
    ["empty", ""],
    ["blank", "   "],
    ["not a string", 42],
  ])("an apiKey that is %s", (_, apiKey) =>
    expectRefusal({ apiKey: apiKey as string }, "apiKey must be a non-empty string"),
  );

  it.each([
    ["user and password", "https://admin:hunter2-secret@api.example.com/"],
    ["a password only", "https://:hunter2-secret@api.example.com/"],
    ["a user only", "https://hunter2-secret@api.example.com/"],
  ])("a baseUrl with %s", (_, baseUrl) =>
    expectRefusal(
      { baseUrl },
      "baseUrl must not hold a user name or password (user:password@): the apiKey is the only credential",
      "hunter2",
    ),
  );

  it.each([
    ["that does not parse", "https://exa mple.com/"],
    ["that is relative", "/bot-api"],
    ["of another scheme", "javascript:alert(1)"],
    ["with a query", "https://api.example.com/?token=hunter2-secret"],
    ["with a fragment", "https://api.example.com/#hunter2-secret"],
  ])("a baseUrl %s", (_, baseUrl) =>
    expectRefusal({ baseUrl }, /^baseUrl must be an absolute http\(s\) URL/, "hunter2"),
  );

  it("accepts a key with inner spaces and symbols, and a base URL with a path", () => {
    expect(() =>
      createMyBotClient({ ...base, apiKey: "a b+/=~!", baseUrl: "http://localhost:8080/mybot/" }),
    ).not.toThrow();
  });
});

describe("redactDeep", () => {
  it("redacts through a cause chain with a cycle, and leaves clean values as they are", () => {
    const inner = new Error(`inner ${KEY}`) as Error & { self?: unknown };
    inner.self = { back: inner, list: [inner, `x${KEY}`] };
    const outer = new TypeError("fetch failed", { cause: inner });
    const copy = redactDeep(outer, [KEY]);
    expect(copy).toBeInstanceOf(TypeError);
    expect(copy).not.toBe(outer);
    expect(inspect(copy, { depth: 10 })).not.toContain(KEY);
    expect(String((copy.cause as Error).message)).toBe("inner [redacted]");
    const clean = { a: [1, "two"], b: new Error("three") };
    expect(redactDeep(clean, [KEY])).toBe(clean);
  });
});

describe("redactDeep, on the objects a fetch error carries", () => {
  const SECRETS = [KEY, encodeURIComponent(KEY)];
  /** The copy of `value` as the cause of an error, and what `util.inspect` prints of it. */
  const redactedCause = (value: unknown) => {
    const copy = redactDeep(new TypeError("fetch failed", { cause: value }), SECRETS);
    const printed = inspect(copy, { depth: 10 });
    expect(printed).not.toContain(KEY);
    expect(printed).not.toContain(encodeURIComponent(KEY));
    return { cause: copy.cause, printed };
  };

  it("redacts a Headers object as a Headers copy, credential headers emptied", () => {
    const headers = new Headers({ authorization: `Bearer ${KEY}`, "x-trace": `t-${KEY}`, a: "1" });
    const { cause } = redactedCause({ headers });
    const copy = (cause as { headers: Headers }).headers;
    expect(copy).toBeInstanceOf(Headers);
    expect(copy.get("authorization")).toBe("Bearer [redacted]");
    expect(copy.get("x-trace")).toBe("t-[redacted]");
    expect(copy.get("a")).toBe("1");
    expect(headers.get("authorization")).toBe(`Bearer ${KEY}`);
  });

  it("replaces a Request or a Response with its method or status and its redacted URL", () => {
    const request = new Request(`https://mybot.test/h?key=${encodeURIComponent(KEY)}`, {
      method: "POST",
      headers: { authorization: AUTH },
    });
    expect(redactedCause(request).cause).toEqual({
      request: "POST https://mybot.test/h?key=[redacted]",
    });
    const response = new Response(null, { status: 401, headers: { "x-echo": KEY } });
    expect(redactedCause(response).cause).toEqual({ response: "401" });
  });

  it("redacts a Map's keys and values, and a Set's values", () => {
    const map = new Map<unknown, unknown>([
      [KEY, 1],
      ["auth", { header: AUTH }],
    ]);
    const copy = redactedCause(map).cause as Map<unknown, unknown>;
    expect(copy).toBeInstanceOf(Map);
    expect([...copy]).toEqual([
      ["[redacted]", 1],
      ["auth", { header: "Basic [redacted]" }],
    ]);
    const set = redactedCause(new Set([AUTH, 2])).cause as Set<unknown>;
    expect(set).toBeInstanceOf(Set);
    expect([...set]).toEqual(["Basic [redacted]", 2]);
  });

  it("redacts an AggregateError's errors, which are not enumerable", () => {
    const aggregate = new AggregateError([new Error(`first ${KEY}`), "clean"], "all failed");
    const { cause, printed } = redactedCause(aggregate);
    expect(cause).toBeInstanceOf(AggregateError);
    expect((cause as AggregateError).message).toBe("all failed");
    expect((cause as AggregateError).errors.map(String)).toEqual([
      "Error: first [redacted]",
      "clean",
    ]);
    expect(printed).toContain("first [redacted]");
  });

  it("leaves those objects as they are when they hold no secret", () => {
    const clean = {
      headers: new Headers({ authorization: "Bearer someone-else" }),
      map: new Map([["a", 1]]),
      errors: new AggregateError([new Error("no")], "x"),
    };
    expect(redactDeep(clean, SECRETS)).toBe(clean);
  });
});

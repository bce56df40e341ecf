// One conformance script for every runtime (Node, Bun, Deno): it imports the built package,
// exercises the public API against the local test server, prints one line per check and
// exits non-zero if any check fails. Plain JavaScript so that every runtime runs it as is.
const [moduleUrl, baseUrl, apiKey, customerId, botKey] = globalThis.Deno
  ? Deno.args
  : process.argv.slice(2);
const core = await import(moduleUrl);
const {
  createMyBotClient,
  isMyBotApiError,
  MyBotAbortError,
  MyBotAuthError,
  MyBotBadRequestError,
  MyBotRateLimitError,
  MyBotTimeoutError,
} = core;

const config = {
  baseUrl,
  apiKey,
  customerId,
  botKey,
  initialRetryDelayMs: 10,
};
const client = createMyBotClient(config);
// The server fails each flaky id's first request only, and serves every runtime's run.
const run = Math.random().toString(36).slice(2, 8);
let passed = 0;
let failed = 0;

async function check(name, fn) {
  try {
    await fn();
    passed++;
    console.log(`ok ${name}`);
  } catch (error) {
    failed++;
    console.log(`not ok ${name}: ${error?.message ?? error}`);
  }
}
function assert(condition, message) {
  if (!condition) throw new Error(message);
}
async function rejection(promise) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}

await check("getMatchingUsers", async () => {
  const users = await client.getMatchingUsers({ attributeName: "plan", attributeValue: "gold" });
  assert(users.length === 2 && users[0].attributes.plan === "gold", JSON.stringify(users));
});
await check("getChatHistory encodes a phone-number id", async () => {
  const page = await client.getChatHistory("+919812345678", {
    pageSize: 5,
    startDate: new Date(0),
  });
  assert(page.channelUserId === "+919812345678", page.channelUserId);
  assert(
    page.messages.length === 5 && page.pagination.hasNextPage && page.order === "newest-first",
    JSON.stringify(page.pagination),
  );
  const [m] = page.messages;
  assert(m.timestamp === 1_700_000_014_000 && m.text === "hello 14", JSON.stringify(m));
});
await check(
  "iterateChatHistory walks every page, oldest first, from a newest-first server",
  async () => {
    const texts = [];
    const ids = new Set();
    for await (const m of client.iterateChatHistory("919800000001", { pageSize: 4 })) {
      texts.push(m.text);
      ids.add(m.id);
    }
    const expected = Array.from({ length: 12 }, (_, i) => `hello ${i}`);
    assert(JSON.stringify(texts) === JSON.stringify(expected), JSON.stringify(texts));
    assert(ids.size === 12, "fingerprints are not unique");
  },
);
await check("getLatestMessages reads the newest in one request", async () => {
  const latest = await client.getLatestMessages("919800000001", { count: 3 });
  const texts = latest.messages.map((m) => m.text);
  assert(JSON.stringify(texts) === '["hello 6","hello 7","hello 8"]', JSON.stringify(texts));
  assert(latest.requests === 1 && latest.hasOlder, JSON.stringify(latest));
});
await check("retries a 503", async () => {
  let retries = 0;
  const counting = createMyBotClient({ ...config, hooks: { onRetry: () => retries++ } });
  const page = await counting.getChatHistory(`flaky-${run}`, { pageSize: 2 });
  assert(
    page.messages.length === 2 && retries === 1,
    `${page.messages.length} messages, ${retries} retries`,
  );
});
await check("a wrong key is an auth error without the key", async () => {
  const error = await rejection(
    createMyBotClient({ ...config, apiKey: "wrong-key-1234" }).getMatchingUsers({
      attributeName: "a",
      attributeValue: "b",
    }),
  );
  assert(
    isMyBotApiError(error) && error instanceof MyBotAuthError && error.status === 401,
    String(error),
  );
  assert(
    !JSON.stringify(error).includes("wrong-key-1234") && !error.message.includes("wrong-key-1234"),
    "key leaked",
  );
});
await check("bad input is refused before sending", async () => {
  const error = await rejection(client.getChatHistory("u", { pageNumber: 0 }));
  assert(
    error instanceof MyBotBadRequestError && error.code === 1004 && error.attempts === 0,
    String(error),
  );
});
await check("an AbortSignal ends a hanging request", async () => {
  const error = await rejection(
    client.getChatHistory("hang", { signal: AbortSignal.timeout(100) }),
  );
  assert(error instanceof MyBotAbortError, error.name);
});
await check("the per-attempt timeout ends a hanging request", async () => {
  const quick = createMyBotClient({ ...config, timeoutMs: 100, maxRetries: 1 });
  const error = await rejection(quick.getChatHistory("hang"));
  assert(
    error instanceof MyBotTimeoutError && error.attempts === 2,
    `${error.name} after ${error.attempts}`,
  );
});

await check("hooks tell each attempt, retry and answer, headers redacted", async () => {
  const seen = [];
  const record = (name) => (e) => seen.push({ name, ...e });
  const watched = createMyBotClient({
    ...config,
    hooks: {
      onRequest: record("request"),
      onResponse: record("response"),
      onRetry: record("retry"),
    },
  });
  await watched.getChatHistory(`flaky-hooks-${run}`, { pageSize: 2 });
  const names = seen.map((e) => `${e.name}:${e.attempt}:${e.status ?? "-"}`).join(" ");
  assert(names === "request:1:- response:1:503 retry:1:503 request:2:- response:2:200", names);
  const request = seen[0];
  assert(
    request.route.includes("{channelUserId}") && request.url.includes(`/flaky-hooks-${run}/`),
    request.route,
  );
  assert(request.headers.authorization === "Basic [redacted]", JSON.stringify(request.headers));
  assert(!JSON.stringify(seen).includes(apiKey), "key leaked into an event");
  assert(seen[1].requestId?.startsWith("rt-") && seen[1].durationMs >= 0, JSON.stringify(seen[1]));
});
await check(
  "logLevel debug writes each attempt through the given logger, without the key",
  async () => {
    const lines = [];
    const line = (message) => lines.push(message);
    const logged = createMyBotClient({
      ...config,
      logLevel: "debug",
      logger: { debug: line, info: line, warn: line, error: line },
    });
    await logged.getChatHistory(`flaky-log-${run}`, { pageSize: 2 });
    assert(lines.length === 6, lines.join("\n"));
    assert(
      lines.some((l) => /attempt 1 failed \(HTTP 503\); retrying/.test(l)),
      lines.join("\n"),
    );
    assert(!lines.join("").includes(apiKey), "key leaked into a log line");
  },
);
await check("a rate-limited error carries the parsed rate-limit facts", async () => {
  const error = await rejection(
    createMyBotClient({ ...config, maxRetries: 1 }).getChatHistory("limited"),
  );
  const { limit, remaining, resetMs, retryAfterMs } = error.rateLimit ?? {};
  assert(
    error instanceof MyBotRateLimitError && error.attempts === 2,
    `${error.name} ${error.attempts}`,
  );
  assert(
    limit === 60 && remaining === 0 && resetMs === 12_000 && retryAfterMs === 0,
    JSON.stringify(error.rateLimit),
  );
});
await check("openapi-fetch middleware sees real Requests", async () => {
  let real = false;
  const withMiddleware = createMyBotClient({
    ...config,
    middleware: [
      {
        onRequest({ request }) {
          real = request instanceof Request;
        },
      },
    ],
  });
  const page = await withMiddleware.getChatHistory("919800000001", { pageSize: 2 });
  assert(real && page.messages.length === 2, `real Request: ${real}`);
});
await check(
  "OpenTelemetry: a span per operation and a child per attempt, without ids",
  async () => {
    const { openTelemetry } = await import(new URL("./opentelemetry.js", moduleUrl).href);
    const sdk = await import("@opentelemetry/sdk-trace-base");
    const exporter = new sdk.InMemorySpanExporter();
    const provider = new sdk.BasicTracerProvider({
      spanProcessors: [new sdk.SimpleSpanProcessor(exporter)],
    });
    const traced = createMyBotClient({
      ...config,
      tracing: openTelemetry({ tracer: provider.getTracer("conformance") }),
    });
    await traced.getChatHistory(`flaky-otel-${run}`, { pageSize: 2 });
    const spans = exporter.getFinishedSpans();
    const names = spans.map((s) => s.name).sort();
    const route =
      "/bot-api/v1.0/customer/{customerId}/bot/{botKey}/channel-user/{channelUserId}/conversations";
    assert(
      JSON.stringify(names) ===
        JSON.stringify([`GET ${route}`, `GET ${route}`, "mybot.getChatHistory"]),
      JSON.stringify(names),
    );
    const operation = spans.find((s) => s.name === "mybot.getChatHistory");
    const attempts = spans.filter((s) => s !== operation);
    assert(
      attempts.every((s) => s.parentSpanContext?.spanId === operation.spanContext().spanId),
      "attempt spans are not children of the operation span",
    );
    const statuses = attempts.map((s) => s.attributes["http.response.status_code"]).sort();
    assert(JSON.stringify(statuses) === "[200,503]", JSON.stringify(statuses));
    const everything = JSON.stringify(spans.map((s) => [s.name, s.attributes, s.status]));
    assert(
      !everything.includes("flaky") &&
        !everything.includes(customerId) &&
        !everything.includes(apiKey),
      everything,
    );
  },
);

console.log(`conformance: ${passed} passed, ${failed} failed`);
if (failed > 0) globalThis.Deno ? Deno.exit(1) : process.exit(1);
else if (globalThis.Deno) Deno.exit(0);
else process.exit(0);

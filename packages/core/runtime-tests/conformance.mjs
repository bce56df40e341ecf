// One conformance script for every runtime (Node, Bun, Deno): it imports the built package,
// exercises the public API against the local test server, prints one line per check and
// exits non-zero if any check fails. Plain JavaScript so that every runtime runs it as is.
const [moduleUrl, baseUrl, apiKey] = globalThis.Deno ? Deno.args : process.argv.slice(2);
const core = await import(moduleUrl);
const { createMyBotClient, isMyBotApiError, MyBotAuthError } = core;

const config = {
  baseUrl,
  apiKey,
  customerId: "10294",
  botKey: "1a1c9bfa5e0f41ed",
  initialRetryDelayMs: 10,
};
const client = createMyBotClient(config);
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
  const page = await client.getChatHistory("flaky", { pageSize: 2 });
  assert(page.messages.length === 2, "no messages");
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
    error.kind === "invalid_input" && error.code === 1004 && error.attempts === 0,
    String(error),
  );
});
await check("an AbortSignal ends a hanging request", async () => {
  const error = await rejection(
    client.getChatHistory("hang", { signal: AbortSignal.timeout(100) }),
  );
  assert(error.kind === "aborted", error.kind);
});
await check("the per-attempt timeout ends a hanging request", async () => {
  const quick = createMyBotClient({ ...config, timeoutMs: 100, maxRetries: 1 });
  const error = await rejection(quick.getChatHistory("hang"));
  assert(error.kind === "timeout" && error.attempts === 2, `${error.kind} after ${error.attempts}`);
});

console.log(`conformance: ${passed} passed, ${failed} failed`);
if (failed > 0) globalThis.Deno ? Deno.exit(1) : process.exit(1);
else if (globalThis.Deno) Deno.exit(0);
else process.exit(0);

/**
 * Each fault over a real socket, seen through @mybot/core as a user of the sandbox would.
 */
import { createMyBotClient, isMyBotApiError, type MyBotApiError } from "@mybot/core";
import { ASHA_ID as ASHA, botPath, DEMO_CREDENTIAL } from "@mybot/test-kit";
import { startTestSandbox, type TestSandbox } from "@mybot/test-kit/sandbox";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startSandbox } from "./boot.ts";
import type { Fault } from "./faults.ts";

const CREDENTIAL = { ...DEMO_CREDENTIAL, apiKey: "f4a1b2c3-d4e5-4f60-8a7b-9c0d1e2f3a4b-FAULTS1" };
const KEY = CREDENTIAL.apiKey;
let server: TestSandbox;

beforeAll(async () => {
  server = await startTestSandbox({
    credential: CREDENTIAL,
    env: { SANDBOX_MAX_HANG_MS: "5000" },
  });
});
afterAll(() => server.close());
beforeEach(() => server.sandbox.faults.clear());

const client = (options: { timeoutMs?: number; maxRetries?: number } = {}) =>
  createMyBotClient({
    baseUrl: server.url,
    ...CREDENTIAL,
    initialRetryDelayMs: 10,
    // The retries are what these tests provoke; their warnings would only fill the output.
    logLevel: "off",
    ...options,
  });

async function setFaults(faults: unknown[]) {
  expect(await server.admin.setFaults(faults as Fault[])).toHaveLength(faults.length);
}
async function failure(promise: Promise<unknown>): Promise<MyBotApiError> {
  const error = await promise.then(
    () => undefined,
    (e) => e,
  );
  if (!isMyBotApiError(error)) throw new Error(`expected a MyBotApiError, got ${error}`);
  return error;
}

describe("fault injection through the admin API", () => {
  it("adds latency", async () => {
    await setFaults([{ endpoint: "history", type: "latency", latencyMs: 300 }]);
    const started = Date.now();
    const page = await client().getChatHistory(ASHA);
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
    expect(page.messages.length).toBeGreaterThan(0);
  });

  it("fails the next N requests with 503, which the client retries through", async () => {
    await setFaults([{ endpoint: "history", type: "status", status: 503, count: 2 }]);
    const page = await client({ maxRetries: 2 }).getChatHistory(ASHA);
    expect(page.messages.length).toBeGreaterThan(0);
    expect(server.sandbox.faults.list()).toEqual([]);
  });

  it.each([500, 502, 503])("answers %i with the documented body", async (status) => {
    await setFaults([{ endpoint: "users", type: "status", status }]);
    const error = await failure(
      client({ maxRetries: 0 }).getMatchingUsers({ attributeName: "plan", attributeValue: "gold" }),
    );
    expect(error).toMatchObject({ name: "MyBotServerError", status, code: status });
  });

  it("answers 429 with Retry-After, which the client honours", async () => {
    await setFaults([
      { endpoint: "users", type: "status", status: 429, retryAfterSeconds: 1, count: 1 },
    ]);
    const started = Date.now();
    await client().getMatchingUsers({ attributeName: "plan", attributeValue: "gold" });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    await setFaults([{ endpoint: "users", type: "status", status: 429, retryAfterSeconds: 7 }]);
    const res = await fetch(`${server.url}${botPath()}/users?attribute_name=a&attribute_value=b`, {
      headers: { authorization: `Basic ${KEY}` },
    });
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("7");
  });

  it("hangs until the client gives up", async () => {
    await setFaults([{ endpoint: "history", type: "hang" }]);
    const error = await failure(client({ timeoutMs: 300, maxRetries: 0 }).getChatHistory(ASHA));
    expect(error.name).toBe("MyBotTimeoutError");
  });

  it("resets the connection", async () => {
    await setFaults([{ endpoint: "history", type: "reset" }]);
    const error = await failure(client({ maxRetries: 1 }).getChatHistory(ASHA));
    expect(error).toMatchObject({ name: "MyBotConnectionError", attempts: 2 });
  });

  it.each(["malformed", "truncated"])("sends %s JSON", async (type) => {
    await setFaults([{ endpoint: "history", type }]);
    const error = await failure(client().getChatHistory(ASHA));
    expect(error.name).toBe("MyBotInvalidResponseError");
  });

  it("can be set from the environment", async () => {
    const faulty = await startSandbox({
      SANDBOX_DB: ":memory:",
      SANDBOX_LOG: "off",
      SANDBOX_FAULTS: JSON.stringify([{ endpoint: "all", type: "status", status: 502 }]),
    });
    const res = await faulty.fetch(
      new Request(`http://x${botPath()}/users?attribute_name=a&attribute_value=b`),
    );
    expect(res.status).toBe(502);
    faulty.close();
    await expect(
      startSandbox({ SANDBOX_DB: ":memory:", SANDBOX_FAULTS: '[{"endpoint":"x","type":"hang"}]' }),
    ).rejects.toThrow("SANDBOX_FAULTS: fault.endpoint");
  });
});

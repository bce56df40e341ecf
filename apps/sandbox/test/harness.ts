/**
 * An in-memory sandbox for tests, with a fixture seed, captured log lines, and a `request`
 * that checks every API response against the OpenAPI document before returning it.
 *
 * @module
 */
import { createSandboxApp } from "../src/app.ts";
import { loadSeed, type Seed } from "../src/seed.ts";
import { openDatabase } from "../src/store/open-database.ts";
import { createSqliteStore } from "../src/store/sqlite-store.ts";
import { createSpecValidator, operationOf } from "./spec-validator.ts";

export const ADMIN_TOKEN = "admin-token-for-tests";
export const KEY = "7d1f6a52-0b8e-4c3a-9f21-5e6d7c8b9a01-T3STK3Y";
export const OTHER_BOT_KEY = "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f-0THER01";
export const REVOKED_KEY = "00000000-0000-4000-8000-000000000000-REV0KED";
export const CUSTOMER = "10294";
export const BOT = "1a1c9bfa5e0f41ed";
export const API = `/bot-api/v1.0/customer/${CUSTOMER}/bot/${BOT}`;
export const T0 = 1_700_000_000_000;

/** Seven messages for Asha, two of them at the same millisecond to pin the tie-break. */
export const fixtureSeed = (): Seed => ({
  customers: [
    {
      customerId: CUSTOMER,
      bots: [
        {
          botKey: BOT,
          apiKeys: [
            { key: KEY, status: "active" },
            { key: REVOKED_KEY, status: "revoked" },
          ],
          users: [
            {
              channelUserId: "919812345678",
              channel: "whatsapp",
              name: "Asha",
              attributes: { email: "asha@example.com", plan: "gold" },
              messages: [
                { id: "m1", timestamp: T0, sender: "user", text: "hi" },
                { id: "m2", timestamp: T0 + 1500, sender: "bot", text: "Hello!" },
                { id: "m4b", timestamp: T0 + 5000, sender: "bot", text: "second at the same ms" },
                { id: "m4a", timestamp: T0 + 5000, sender: "user", text: "first at the same ms" },
                { id: "m3", timestamp: T0 + 3000, sender: "user", text: "refund?" },
                { id: "m5", timestamp: T0 + 60_000, sender: "agent", text: "Agent here" },
                { id: "m6", timestamp: T0 + 61_000, sender: "user", text: "thanks" },
              ],
            },
            {
              channelUserId: "+447700900123",
              channel: "whatsapp",
              name: "Plus",
              attributes: { plan: "gold" },
            },
            { channelUserId: "web/42", channel: "web", name: null, attributes: { plan: "free" } },
          ],
        },
        {
          botKey: "ffffeeeeddddcccc",
          apiKeys: [{ key: OTHER_BOT_KEY, status: "active" }],
          users: [],
        },
      ],
    },
  ],
});

/** A fresh sandbox on `:memory:`. */
export async function createTestSandbox(
  options: { now?: () => number; random?: () => number } = {},
) {
  const store = createSqliteStore(await openDatabase(":memory:"));
  loadSeed(store, fixtureSeed());
  const lines: string[] = [];
  const { app, faults } = createSandboxApp({
    store,
    adminToken: ADMIN_TOKEN,
    log: (l) => lines.push(l),
    now: options.now,
  });
  const validator = await createSpecValidator();
  const specProblems: string[] = [];

  /** Calls the app; API responses are checked against the spec, and a mismatch throws. */
  async function request(
    path: string,
    init: RequestInit & { key?: string | null } = {},
  ): Promise<Response> {
    const headers = new Headers(init.headers);
    if (init.key !== null && !headers.has("authorization"))
      headers.set("authorization", `Basic ${init.key ?? KEY}`);
    const response = await app.fetch(
      new Request(`http://sandbox.test${path}`, { ...init, headers }),
    );
    const operation = operationOf(new URL(`http://x${path}`).pathname);
    if (operation && (init.method ?? "GET") === "GET") {
      const body = await response.clone().json();
      const problems = validator.problems(operation, response.status, body, response.headers);
      specProblems.push(...problems);
      if (problems.length) throw new Error(`response breaks the spec:\n${problems.join("\n")}`);
    }
    return response;
  }

  const admin = (path: string, method = "POST", body?: unknown) =>
    app.fetch(
      new Request(`http://sandbox.test/__admin${path}`, {
        method,
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );

  return { app, store, faults, lines, request, admin, specProblems };
}

/**
 * An in-memory sandbox for tests, with a fixture seed, captured log lines, and a `request`
 * that checks every API response against the OpenAPI document before returning it.
 *
 * @module
 */

import { openDatabase } from "@mybot/sqlite";
import { createSandboxApp } from "../src/app.ts";
import { DEMO_CREDENTIAL } from "../src/demo-credential.ts";
import type { HistoryShape } from "../src/history-shape.ts";
import { loadSeed, type Seed } from "../src/seed.ts";
import { createSqliteStore } from "../src/store/sqlite-store.ts";
import { createSpecValidator, operationOf } from "./spec-validator.ts";

export const ADMIN_TOKEN = "admin-token-for-tests";
export const KEY = "7d1f6a52-0b8e-4c3a-9f21-5e6d7c8b9a01-T3STK3Y";
export const OTHER_BOT_KEY = "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f-0THER01";
export const REVOKED_KEY = "00000000-0000-4000-8000-000000000000-REV0KED";
export const CUSTOMER = DEMO_CREDENTIAL.customerId;
export const BOT = DEMO_CREDENTIAL.botKey;
/** Another tenant: a customer of its own, whose ids no key of {@link CUSTOMER} may probe. */
export const OTHER_CUSTOMER = "20577";
export const OTHER_CUSTOMER_BOT = "0b0b0b0b0b0b0b0b";
export const API = `/bot-api/v1.0/customer/${CUSTOMER}/bot/${BOT}`;
export const T0 = 1_700_000_000_000;

/** The vendor's rating prompt as seen live: a bot `OPTIONS` message carrying a session user id. */
export const RATING_PROMPT = {
  sender: "bot",
  response: "[⭐, ⭐⭐, ⭐⭐⭐]",
  message_type: "OPTIONS",
  user_id: "6f1c0a52-7a43-4d55-9c2e-1b8f3e0d2a71",
} as const;

/** Asha as the seeds hold her, messages aside. */
export const ASHA_PROFILE = {
  channelUserId: "919812345678",
  channel: "whatsapp",
  name: "Asha",
  attributes: { email: "asha@example.com", plan: "gold" },
};

/** Asha's upload, a `FILE_RECEIVED` message as the vendor sends it. */
export const UPLOAD = {
  response: "User uploaded invoice.pdf - [application/pdf]",
  file: {
    url: "https://files.example.com/u/invoice.pdf",
    mimeType: "application/pdf",
    uploadType: "FILE",
  },
};

/**
 * Seven messages for Asha (bot in the default offset, +0530), two of them at the same
 * millisecond to pin the tie-break, each with a distinct response to tell them apart when the
 * shape serves no ids.
 */
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
              ...ASHA_PROFILE,
              messages: [
                { id: "m1", timestamp: T0, sender: "user", response: "hi" },
                { id: "m2", timestamp: T0 + 1500, sender: "bot", response: "Hello!" },
                {
                  id: "m4b",
                  timestamp: T0 + 5000,
                  sender: "bot",
                  response: "second at the same ms",
                },
                {
                  id: "m4a",
                  timestamp: T0 + 5000,
                  sender: "user",
                  response: "first at the same ms",
                },
                {
                  id: "m3",
                  timestamp: T0 + 3000,
                  sender: "user",
                  message_type: "FILE_RECEIVED",
                  ...UPLOAD,
                  attachments: null,
                },
                { id: "m5", timestamp: T0 + 60_000, sender: "agent", response: "Agent here" },
                { id: "m6", timestamp: T0 + 61_000, sender: "user", response: "thanks" },
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
    {
      customerId: OTHER_CUSTOMER,
      bots: [
        {
          botKey: OTHER_CUSTOMER_BOT,
          apiKeys: [],
          users: [{ channelUserId: "447700900999", channel: "web", name: "B", attributes: {} }],
        },
      ],
    },
  ],
});

/** Asha's messages oldest first (ties by id): their ids, responses and epoch ms. */
export const ASHA_IDS = ["m1", "m2", "m3", "m4a", "m4b", "m5", "m6"];
export const ASHA_RESPONSES = [
  "hi",
  "Hello!",
  UPLOAD.response,
  "first at the same ms",
  "second at the same ms",
  "Agent here",
  "thanks",
];
export const ASHA_TIMES = [
  T0,
  T0 + 1500,
  T0 + 3000,
  T0 + 5000,
  T0 + 5000,
  T0 + 60_000,
  T0 + 61_000,
];
/** The id of a served message, from its response (the default shape has no ids). */
export const idOf = (m: { response: string }): string =>
  ASHA_IDS[ASHA_RESPONSES.indexOf(m.response)] ?? `?${m.response}`;

/**
 * Epoch ms of the vendor's `YYYY-MM-DD HH:mm:ss.SSS+HHMM`, written independently of the
 * sandbox's formatter so that a test can check one against the other.
 */
export function parseVendorStamp(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})\.(\d{3})([+-])(\d{2})(\d{2})$/.exec(
    text,
  );
  if (!m) throw new Error(`not a vendor timestamp: ${text}`);
  const n = m.slice(1).map(Number) as [number, number, number, number, number, number, number];
  const offsetMinutes = (m[8] === "-" ? -1 : 1) * (Number(m[9]) * 60 + Number(m[10]));
  return Date.UTC(n[0], n[1] - 1, n[2], n[3], n[4], n[5], n[6]) - offsetMinutes * 60_000;
}

/** A fresh sandbox on `:memory:`. */
export async function createTestSandbox(
  options: { now?: () => number; random?: () => number; shape?: HistoryShape } = {},
) {
  const store = createSqliteStore(await openDatabase(":memory:"));
  loadSeed(store, fixtureSeed());
  const lines: string[] = [];
  const { app, faults, shape } = createSandboxApp({
    store,
    adminToken: ADMIN_TOKEN,
    log: (l) => lines.push(l),
    now: options.now,
    shape: options.shape,
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

  return { app, store, faults, shape, lines, request, admin, specProblems };
}

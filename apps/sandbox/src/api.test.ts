import { beforeEach, describe, expect, it } from "vitest";
import {
  API,
  ASHA_IDS,
  ASHA_TIMES,
  BOT,
  CUSTOMER,
  createTestSandbox,
  idOf,
  KEY,
  OTHER_BOT_KEY,
  OTHER_CUSTOMER,
  OTHER_CUSTOMER_BOT,
  parseVendorStamp,
  REVOKED_KEY,
  T0,
  UPLOAD,
} from "../test/harness.ts";
import { sessionUserId } from "./derived-ids.ts";
import { DEFAULT_HISTORY_SHAPE } from "./history-shape.ts";

let sandbox: Awaited<ReturnType<typeof createTestSandbox>>;
beforeEach(async () => {
  sandbox = await createTestSandbox({ now: () => T0 + 86_400_000 });
});
const history = (query = "", id = "919812345678") =>
  sandbox.request(`${API}/channel-user/${encodeURIComponent(id)}/conversations${query}`);

/** The answer to `path`, with the demo key, is `status` with exactly this error body. */
async function expectError(path: string, status: number, body: Record<string, unknown>) {
  const res = await sandbox.request(path);
  expect(res.status).toBe(status);
  expect(await res.json()).toEqual(body);
}

describe("GET …/users", () => {
  it("lists the users matching an attribute, ordered by id", async () => {
    const res = await sandbox.request(`${API}/users?attribute_name=plan&attribute_value=gold`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.total).toBe(2);
    expect(body.users.map((u: { channelUserId: string }) => u.channelUserId)).toEqual([
      "+447700900123",
      "919812345678",
    ]);
    expect(body.users[1]).toEqual({
      channelUserId: "919812345678",
      channel: "whatsapp",
      name: "Asha",
      attributes: { email: "asha@example.com", plan: "gold" },
    });
  });

  it("matches the channel like an attribute", async () => {
    const body = await (
      await sandbox.request(`${API}/users?attribute_name=channel&attribute_value=web`)
    ).json();
    expect(body.users.map((u: { channelUserId: string }) => u.channelUserId)).toEqual(["web/42"]);
  });

  it("answers an empty list when none match", async () => {
    const body = await (
      await sandbox.request(`${API}/users?attribute_name=plan&attribute_value=diamond`)
    ).json();
    expect(body).toEqual({ users: [], total: 0 });
  });

  it.each([
    ["no attribute_name", "?attribute_value=gold"],
    ["no attribute_value", "?attribute_name=plan"],
    ["an empty attribute_value", "?attribute_name=plan&attribute_value="],
  ])("answers 400 1000 for %s", async (_, query) => {
    const res = await sandbox.request(`${API}/users${query}`);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      errorCode: 1000,
      errorMessage: "INVALID_REQUEST_PARAMETER",
    });
  });

  it("answers 404 for an unknown bot of the key's own customer", async () => {
    await expectError(
      `/bot-api/v1.0/customer/${CUSTOMER}/bot/nope/users?attribute_name=a&attribute_value=b`,
      404,
      { errorCode: 404, errorMessage: "NOT_FOUND", errorDetails: "No such customer or bot." },
    );
  });
});

describe("authentication", () => {
  const users = `${API}/users?attribute_name=plan&attribute_value=gold`;
  it.each([
    ["a missing header", null, undefined],
    ["an unknown key", "not-a-key", undefined],
    ["a revoked key", REVOKED_KEY, undefined],
    ["a Bearer scheme", null, { authorization: `Bearer ${KEY}` }],
    ["base64 of user:password", null, { authorization: `Basic ${btoa(`${KEY}:`)}` }],
  ])("answers 401 for %s", async (_, key, headers) => {
    const res = await sandbox.request(users, { key, headers });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ errorCode: 401, errorMessage: "UNAUTHORIZED" });
  });

  it("answers 401 for a key replaced by regeneration, and 200 for its successor", async () => {
    const regenerated = await (await sandbox.admin(`/keys/${KEY}/regenerate`)).json();
    expect((await sandbox.request(users)).status).toBe(401);
    expect((await sandbox.request(users, { key: regenerated.key })).status).toBe(200);
    expect(regenerated.key).toMatch(/^[0-9a-f-]{36}-[0-9A-Z]{7}$/);
  });

  it("answers 403 for a valid key of another bot, on both endpoints", async () => {
    expect((await sandbox.request(users, { key: OTHER_BOT_KEY })).status).toBe(403);
    const res = await sandbox.request(`${API}/channel-user/919812345678/conversations`, {
      key: OTHER_BOT_KEY,
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ errorCode: 403, errorMessage: "FORBIDDEN" });
  });
});

describe("GET …/conversations", () => {
  it("answers the observed shape by default: conversations, newest first, no ids, no pagination", async () => {
    const body = await (await history()).json();
    expect(Object.keys(body)).toEqual(["conversations"]);
    const userId = sessionUserId(CUSTOMER, BOT, "919812345678");
    expect(userId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // Newest first; the two messages of the same ms in reverse id order.
    expect(body.conversations.map(idOf)).toEqual([...ASHA_IDS].reverse());
    expect(body.conversations.at(-1)).toEqual({
      timestamp: "2023-11-15 03:43:20.000+0530",
      sender: "user",
      response: "hi",
      message_type: "TEXT",
      file: null,
      attachments: null,
      user_id: userId,
    });
    // The vendor's member order, too: a reader that dumps the body sees what the vendor sends.
    expect(Object.keys(body.conversations[0])).toEqual([
      "timestamp",
      "sender",
      "response",
      "message_type",
      "file",
      "attachments",
      "user_id",
    ]);
    expect(
      body.conversations.find((m: { response: string }) => m.response === UPLOAD.response),
    ).toEqual({
      timestamp: "2023-11-15 03:43:23.000+0530",
      sender: "user",
      message_type: "FILE_RECEIVED",
      ...UPLOAD,
      attachments: null,
      user_id: userId,
    });
    // Each string parses back to the stored instant.
    expect(
      body.conversations.map((m: { timestamp: string }) => parseVendorStamp(m.timestamp)),
    ).toEqual([...ASHA_TIMES].reverse());
  });

  it.each(["newest-first", "oldest-first"] as const)(
    "pages stably %s, and answers an empty list past the end",
    async (order) => {
      sandbox.shape.set({ ...DEFAULT_HISTORY_SHAPE, order });
      const pages = [];
      for (const n of [1, 2, 3, 4]) {
        const res = await history(`?page_size=3&page_number=${n}`);
        expect(res.status).toBe(200);
        pages.push((await res.json()).conversations.map(idOf));
      }
      const all = order === "oldest-first" ? ASHA_IDS : [...ASHA_IDS].reverse();
      expect(pages).toEqual([all.slice(0, 3), all.slice(3, 6), all.slice(6), []]);
      // The same page twice is the same page.
      expect(await (await history("?page_size=3&page_number=2")).text()).toBe(
        await (await history("?page_size=3&page_number=2")).text(),
      );
    },
  );

  it("sends page metadata when switched on", async () => {
    sandbox.shape.set({ ...DEFAULT_HISTORY_SHAPE, pageMetadata: true });
    const pages = [];
    for (const n of [1, 2, 3, 4])
      pages.push(await (await history(`?page_size=3&page_number=${n}`)).json());
    expect(pages.map((p) => p.pagination.hasNextPage)).toEqual([true, true, false, false]);
    expect(pages[0].pagination).toEqual({
      pageNumber: 1,
      pageSize: 3,
      totalMessages: 7,
      totalPages: 3,
      hasNextPage: true,
    });
    expect(pages[3].pagination).toMatchObject({ pageNumber: 4, totalPages: 3, totalMessages: 7 });
    expect(pages[3].conversations).toEqual([]);
  });

  it("filters with start_date inclusive and end_date exclusive", async () => {
    sandbox.shape.set({ ...DEFAULT_HISTORY_SHAPE, pageMetadata: true });
    const body = await (await history(`?start_date=${T0 + 1500}&end_date=${T0 + 60_000}`)).json();
    expect(body.conversations.map(idOf)).toEqual(["m4b", "m4a", "m3", "m2"]);
    expect(body.pagination.totalMessages).toBe(4);
  });

  it("treats a missing end_date as now", async () => {
    await sandbox.admin(`/customers/${CUSTOMER}/bots/${BOT}/users/919812345678/messages`, "POST", {
      messages: [{ timestamp: T0 + 2 * 86_400_000, sender: "bot", response: "from the future" }],
    });
    const responses = (body: { conversations: { response: string }[] }) =>
      body.conversations.map((m) => m.response);
    expect(responses(await (await history()).json())).not.toContain("from the future");
    const all = responses(await (await history(`?end_date=${T0 + 3 * 86_400_000}`)).json());
    expect(all[0]).toBe("from the future");
  });

  it("serves ids that need URL encoding: a leading + and a slash", async () => {
    await sandbox.admin(`/customers/${CUSTOMER}/bots/${BOT}/users/web%2F42/messages`, "POST", {
      messages: [{ timestamp: T0, sender: "user", response: "slash" }],
    });
    for (const [id, responses] of [
      ["+447700900123", []],
      ["web/42", ["slash"]],
    ] as const) {
      const res = await history("", id);
      expect(res.status).toBe(200);
      expect((await res.json()).conversations.map((m: { response: string }) => m.response)).toEqual(
        responses,
      );
    }
  });

  it.each([
    ["an unknown user", "", "nobody", 1002, "INVALID_BOT_OR_CUSTOMER_ID"],
    [
      "end_date equal to start_date",
      `?start_date=${T0}&end_date=${T0}`,
      undefined,
      1003,
      "INVALID_INPUT_DATE_VALUE",
    ],
    [
      "end_date before start_date",
      `?start_date=${T0}&end_date=1`,
      undefined,
      1003,
      "INVALID_INPUT_DATE_VALUE",
    ],
    [
      "a date that is not epoch ms",
      "?start_date=2024-01-01",
      undefined,
      1003,
      "INVALID_INPUT_DATE_VALUE",
    ],
    ["a negative date", "?end_date=-5", undefined, 1003, "INVALID_INPUT_DATE_VALUE"],
    ["page 0", "?page_number=0", undefined, 1004, "INVALID_PAGE_NUMBER"],
    ["page -1", "?page_number=-1", undefined, 1004, "INVALID_PAGE_NUMBER"],
    ["page 1.5", "?page_number=1.5", undefined, 1004, "INVALID_PAGE_NUMBER"],
    ["page abc", "?page_number=abc", undefined, 1004, "INVALID_PAGE_NUMBER"],
    ["page_size 0", "?page_size=0", undefined, 1000, "INVALID_REQUEST_PARAMETER"],
    ["page_size 1001", "?page_size=1001", undefined, 1000, "INVALID_REQUEST_PARAMETER"],
  ])("answers 400 for %s", async (_, query, id, code, name) => {
    const res = await history(query, id);
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body).toMatchObject({ errorCode: code, errorMessage: name });
    expect(body.errorDetails.length).toBeGreaterThan(10);
  });

  it("answers 1002 with the vendor's text for an unknown bot", async () => {
    await expectError(
      `/bot-api/v1.0/customer/${CUSTOMER}/bot/unknown/channel-user/x/conversations`,
      400,
      {
        errorCode: 1002,
        errorMessage: "INVALID_BOT_OR_CUSTOMER_ID",
        errorDetails: "The bot id/customer id/user id provided is invalid",
      },
    );
  });
});

describe("another tenant", () => {
  const users = (customer: string, bot: string) =>
    `/bot-api/v1.0/customer/${customer}/bot/${bot}/users?attribute_name=plan&attribute_value=gold`;
  const history = (customer: string, bot: string, user: string) =>
    `/bot-api/v1.0/customer/${customer}/bot/${bot}/channel-user/${user}/conversations`;

  it.each([
    ["users", users(OTHER_CUSTOMER, OTHER_CUSTOMER_BOT), users("99999", "nope")],
    [
      "history",
      history(OTHER_CUSTOMER, OTHER_CUSTOMER_BOT, "447700900999"),
      history("99999", "nope", "nobody"),
    ],
  ])(
    "answers %s of an existing and of a missing customer alike, with 403",
    async (_, real, fake) => {
      const [a, b] = await Promise.all([sandbox.request(real), sandbox.request(fake)]);
      expect([a.status, b.status]).toEqual([403, 403]);
      expect(await a.text()).toBe(await b.text());
    },
  );
});

describe("operations", () => {
  it("logs one line per request with method, route, status and ms, and never the key or ids", async () => {
    await history();
    await sandbox.request(`${API}/users?attribute_name=plan&attribute_value=gold`, {
      key: "wrong-key-secret",
    });
    expect(sandbox.lines).toHaveLength(2);
    expect(sandbox.lines[0]).toMatch(
      /^GET \/bot-api\/v1\.0\/customer\/:customerId\/bot\/:botKey\/channel-user\/:channelUserId\/conversations 200 \d+\.\dms$/,
    );
    await sandbox.request(`/bot-api/v1.0/customer/${CUSTOMER}/no-such-route/919812345678`);
    await sandbox.admin(`/customers/${CUSTOMER}/bots/${BOT}/users/919812345678/messages`);
    expect(sandbox.lines[1]).toMatch(/ 401 /);
    expect(sandbox.lines.join("\n")).not.toContain(KEY);
    expect(sandbox.lines.join("\n")).not.toContain("wrong-key-secret");
    for (const id of ["919812345678", CUSTOMER, BOT])
      expect(sandbox.lines.join("\n")).not.toContain(id);
  });

  it("sends a request id and CORS headers on answers and errors, and answers a preflight", async () => {
    for (const res of [await history(), await history("?page_number=0")]) {
      expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
      expect(res.headers.get("access-control-allow-origin")).toBe("*");
      expect(res.headers.get("access-control-expose-headers")).toContain("X-Request-Id");
    }
    const preflight = await sandbox.app.fetch(
      new Request(`http://x${API}/users`, { method: "OPTIONS" }),
    );
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-headers")).toContain("Authorization");
    const admin = await sandbox.admin("/faults", "GET");
    expect(admin.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("answers an internal failure with the documented 500 body and no stack", async () => {
    sandbox.store.history = () => {
      throw new Error("disk on fire at /secret/path.ts:12");
    };
    const res = await history();
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({
      errorCode: 500,
      errorMessage: "INTERNAL_SERVER_ERROR",
      errorDetails: "Server-side API failure.",
    });
    expect(text).not.toMatch(/disk on fire|\.ts:|at /);
  });

  it("answers unknown paths with the error body", async () => {
    const res = await sandbox.request("/bot-api/v2/whatever");
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ errorCode: 404 });
  });
});

import { beforeEach, describe, expect, it } from "vitest";
import { API, createTestSandbox, KEY, OTHER_BOT_KEY, REVOKED_KEY, T0 } from "../test/harness.ts";

let sandbox: Awaited<ReturnType<typeof createTestSandbox>>;
beforeEach(async () => {
  sandbox = await createTestSandbox({ now: () => T0 + 86_400_000 });
});
const history = (query = "", id = "919812345678") =>
  sandbox.request(`${API}/channel-user/${encodeURIComponent(id)}/conversations${query}`);

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

  it("answers 404 for an unknown customer or bot", async () => {
    const res = await sandbox.request(
      `/bot-api/v1.0/customer/99999/bot/nope/users?attribute_name=a&attribute_value=b`,
    );
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      errorCode: 404,
      errorMessage: "NOT_FOUND",
      errorDetails: "No such customer or bot.",
    });
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
  it("returns the history oldest first, ties broken by id, with pagination", async () => {
    const body = await (await history()).json();
    expect(body.messages.map((m: { id: string }) => m.id)).toEqual([
      "m1",
      "m2",
      "m3",
      "m4a",
      "m4b",
      "m5",
      "m6",
    ]);
    expect(body.pagination).toEqual({
      pageNumber: 1,
      pageSize: 500,
      totalMessages: 7,
      totalPages: 1,
      hasNextPage: false,
    });
    expect(body.messages[0]).toEqual({ id: "m1", timestamp: T0, sender: "user", text: "hi" });
  });

  it("pages with page_size and page_number, and answers an empty page past the end", async () => {
    const pages = [];
    for (const n of [1, 2, 3, 4])
      pages.push(await (await history(`?page_size=3&page_number=${n}`)).json());
    expect(pages.map((p) => p.messages.map((m: { id: string }) => m.id))).toEqual([
      ["m1", "m2", "m3"],
      ["m4a", "m4b", "m5"],
      ["m6"],
      [],
    ]);
    expect(pages.map((p) => p.pagination.hasNextPage)).toEqual([true, true, false, false]);
    expect(pages[3].pagination).toMatchObject({ pageNumber: 4, totalPages: 3, totalMessages: 7 });
  });

  it("filters with start_date inclusive and end_date exclusive", async () => {
    const body = await (await history(`?start_date=${T0 + 1500}&end_date=${T0 + 60_000}`)).json();
    expect(body.messages.map((m: { id: string }) => m.id)).toEqual(["m2", "m3", "m4a", "m4b"]);
    expect(body.pagination.totalMessages).toBe(4);
  });

  it("treats a missing end_date as now", async () => {
    await sandbox.admin(
      "/customers/10294/bots/1a1c9bfa5e0f41ed/users/919812345678/messages",
      "POST",
      {
        messages: [
          { id: "future", timestamp: T0 + 2 * 86_400_000, sender: "bot", text: "from the future" },
        ],
      },
    );
    const ids = (await (await history()).json()).messages.map((m: { id: string }) => m.id);
    expect(ids).not.toContain("future");
    const all = (await (await history(`?end_date=${T0 + 3 * 86_400_000}`)).json()).messages.map(
      (m: { id: string }) => m.id,
    );
    expect(all).toContain("future");
  });

  it("serves ids that need URL encoding: a leading + and a slash", async () => {
    for (const id of ["+447700900123", "web/42"]) {
      const res = await history("", id);
      expect(res.status).toBe(200);
      expect((await res.json()).channelUserId).toBe(id);
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
    const res = await sandbox.request(
      `/bot-api/v1.0/customer/${"1"}/bot/unknown/channel-user/x/conversations`,
    );
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      errorCode: 1002,
      errorMessage: "INVALID_BOT_OR_CUSTOMER_ID",
      errorDetails: "The bot id/customer id/user id provided is invalid",
    });
  });
});

describe("operations", () => {
  it("logs one line per request with method, path, status and ms, and never the key", async () => {
    await history();
    await sandbox.request(`${API}/users?attribute_name=plan&attribute_value=gold`, {
      key: "wrong-key-secret",
    });
    expect(sandbox.lines).toHaveLength(2);
    expect(sandbox.lines[0]).toMatch(
      /^GET \/bot-api\/v1\.0\/customer\/10294\/bot\/1a1c9bfa5e0f41ed\/channel-user\/919812345678\/conversations 200 \d+\.\dms$/,
    );
    expect(sandbox.lines[1]).toMatch(/ 401 /);
    expect(sandbox.lines.join("\n")).not.toContain(KEY);
    expect(sandbox.lines.join("\n")).not.toContain("wrong-key-secret");
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

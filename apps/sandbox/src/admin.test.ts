import { beforeEach, describe, expect, it } from "vitest";
import {
  ADMIN_TOKEN,
  API,
  BOT,
  CUSTOMER,
  createTestSandbox,
  KEY,
  RATING_PROMPT,
  T0,
} from "../test/harness.ts";
import { sessionUserId } from "./derived-ids.ts";
import { DEFAULT_HISTORY_SHAPE } from "./history-shape.ts";

let sandbox: Awaited<ReturnType<typeof createTestSandbox>>;
beforeEach(async () => {
  sandbox = await createTestSandbox({ now: () => T0 + 86_400_000 });
});
const users = `${API}/users?attribute_name=plan&attribute_value=silver`;

describe("the admin API", () => {
  it("refuses a missing or wrong token, and an API key", async () => {
    for (const authorization of [undefined, "Bearer wrong", `Basic ${KEY}`, `Bearer ${KEY}`]) {
      const res = await sandbox.app.fetch(
        new Request("http://x/__admin/reset", {
          method: "POST",
          headers: authorization ? { authorization } : {},
        }),
      );
      expect(res.status).toBe(401);
    }
    expect(sandbox.store.isEmpty()).toBe(false);
  });

  it("is off without a token", async () => {
    const { createSandboxApp } = await import("./app.ts");
    const { app } = createSandboxApp({ store: sandbox.store });
    const res = await app.fetch(
      new Request("http://x/__admin/reset", {
        method: "POST",
        headers: { authorization: "Bearer " },
      }),
    );
    expect(res.status).toBe(404);
  });

  it("creates and revokes keys", async () => {
    const created = await (
      await sandbox.admin("/keys", "POST", { customerId: CUSTOMER, botKey: BOT })
    ).json();
    expect((await sandbox.request(users, { key: created.key })).status).toBe(200);
    expect((await sandbox.admin(`/keys/${created.key}/revoke`)).status).toBe(200);
    expect((await sandbox.request(users, { key: created.key })).status).toBe(401);
    expect((await sandbox.admin("/keys/nope/revoke")).status).toBe(404);
    expect((await sandbox.admin("/keys", "POST", { customerId: CUSTOMER })).status).toBe(400);
  });

  it("upserts users and appends messages, which the API then serves", async () => {
    const rating = { timestamp: T0 + 1, ...RATING_PROMPT };
    const put = await sandbox.admin(`/customers/${CUSTOMER}/bots/${BOT}/users/newbie`, "PUT", {
      channel: "telegram",
      name: "New",
      attributes: { plan: "silver" },
    });
    expect(put.status).toBe(200);
    const append = await sandbox.admin(
      `/customers/${CUSTOMER}/bots/${BOT}/users/newbie/messages`,
      "POST",
      {
        messages: [{ id: "n1", timestamp: T0, sender: "user", response: "hello" }, rating],
      },
    );
    expect(await append.json()).toEqual({ added: 2 });
    expect(
      (await (await sandbox.request(users)).json()).users.map(
        (u: { channelUserId: string }) => u.channelUserId,
      ),
    ).toEqual(["newbie"]);
    sandbox.shape.set({ ...DEFAULT_HISTORY_SHAPE, ids: true, timestamps: "number" });
    const page = await (await sandbox.request(`${API}/channel-user/newbie/conversations`)).json();
    const derivedId = page.conversations[0].id;
    expect(derivedId).toMatch(/^s-[0-9a-f]{20}$/);
    expect(page.conversations).toEqual([
      { id: derivedId, ...rating, file: null, attachments: null },
      {
        id: "n1",
        timestamp: T0,
        sender: "user",
        response: "hello",
        message_type: "TEXT",
        file: null,
        attachments: null,
        user_id: sessionUserId(CUSTOMER, BOT, "newbie"),
      },
    ]);
    // Posting the same messages again adds nothing: the missing id is derived from the content.
    const again = await sandbox.admin(
      `/customers/${CUSTOMER}/bots/${BOT}/users/newbie/messages`,
      "POST",
      {
        messages: [rating],
      },
    );
    expect(await again.json()).toEqual({ added: 0 });
  });

  it("rejects bad bodies naming the field", async () => {
    const res = await sandbox.admin(`/customers/${CUSTOMER}/bots/${BOT}/users/x`, "PUT", {
      channel: "web",
      nmae: "typo",
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toContain("body.nmae: unknown field");
    for (const [message, error] of [
      [{ timestamp: T0, sender: "user", text: "hi" }, "body.messages[0].text: unknown field"],
      [{ timestamp: T0, sender: "user" }, "body.messages[0].response: is required"],
      [
        { timestamp: T0, sender: "user", response: "x", file: { mimeType: "image/png" } },
        "body.messages[0].file.url: is required",
      ],
    ] as const) {
      const rejected = await sandbox.admin(
        `/customers/${CUSTOMER}/bots/${BOT}/users/919812345678/messages`,
        "POST",
        { messages: [message] },
      );
      expect(rejected.status).toBe(400);
      expect((await rejected.json()).error).toContain(error);
    }
    const missing = await sandbox.admin(
      `/customers/${CUSTOMER}/bots/${BOT}/users/ghost/messages`,
      "POST",
      { messages: [] },
    );
    expect(missing.status).toBe(404);
    const notJson = await sandbox.app.fetch(
      new Request("http://x/__admin/seed", {
        method: "POST",
        headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
        body: "{",
      }),
    );
    expect(notJson.status).toBe(400);
  });

  it("reports ground-truth stats by cohort", async () => {
    const stats = await (
      await sandbox.admin(
        `/customers/${CUSTOMER}/bots/${BOT}/stats?attribute_name=plan&attribute_value=gold`,
        "GET",
      )
    ).json();
    expect(stats).toEqual({ users: 2, messages: { user: 4, bot: 2, agent: 1 } });
  });

  it("resets data and faults, and keeps the history shape", async () => {
    await sandbox.admin("/shape", "PUT", { order: "oldest-first" });
    expect((await sandbox.admin("/reset")).status).toBe(200);
    expect(sandbox.store.isEmpty()).toBe(true);
    expect((await sandbox.request(users)).status).toBe(401);
    expect((await (await sandbox.admin("/shape", "GET")).json()).order).toBe("oldest-first");
  });

  it("shows and switches the history shape, part by part", async () => {
    expect(await (await sandbox.admin("/shape", "GET")).json()).toEqual({
      listKey: "conversations",
      order: "newest-first",
      ids: false,
      pageMetadata: false,
      timestamps: "string",
    });
    const put = await sandbox.admin("/shape", "PUT", { ids: true, listKey: "messages" });
    expect(put.status).toBe(200);
    expect(await put.json()).toEqual({
      listKey: "messages",
      order: "newest-first",
      ids: true,
      pageMetadata: false,
      timestamps: "string",
    });
    const page = await (
      await sandbox.request(`${API}/channel-user/919812345678/conversations`)
    ).json();
    expect(page.messages[0].id).toBe("m6");
  });

  it.each([
    [{ order: "sideways" }, "shape.order: must be one of newest-first, oldest-first"],
    [{ listKey: "items" }, "shape.listKey: must be one of conversations, messages"],
    [{ ids: "on" }, "shape.ids: must be true or false"],
    [{ pageMetadata: 1 }, "shape.pageMetadata: must be true or false"],
    [{ timestamps: "iso" }, "shape.timestamps: must be one of string, number"],
    [{ idz: true }, "shape.idz: unknown field"],
  ])("refuses the shape %j naming the field, and changes nothing", async (patch, error) => {
    const res = await sandbox.admin("/shape", "PUT", { ids: true, ...patch });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toContain(error);
    expect(sandbox.shape.get()).toEqual(DEFAULT_HISTORY_SHAPE);
  });

  it("sets, lists and clears faults", async () => {
    const bad = await sandbox.admin("/faults", "PUT", {
      faults: [{ endpoint: "users", type: "status", status: 418 }],
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toContain("fault.status");
    await sandbox.admin("/faults", "PUT", {
      faults: [{ endpoint: "users", type: "status", status: 500, count: 1 }],
    });
    expect((await (await sandbox.admin("/faults", "GET")).json()).faults).toHaveLength(1);
    expect((await sandbox.request(users)).status).toBe(500);
    expect((await sandbox.request(users)).status).toBe(200);
    await sandbox.admin("/faults", "PUT", {
      faults: [{ endpoint: "users", type: "status", status: 503 }],
    });
    await sandbox.admin("/faults", "DELETE");
    expect((await sandbox.request(users)).status).toBe(200);
  });
});

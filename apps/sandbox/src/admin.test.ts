import { beforeEach, describe, expect, it } from "vitest";
import { ADMIN_TOKEN, API, createTestSandbox, KEY, T0 } from "../test/harness.ts";

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
      await sandbox.admin("/keys", "POST", { customerId: "10294", botKey: "1a1c9bfa5e0f41ed" })
    ).json();
    expect((await sandbox.request(users, { key: created.key })).status).toBe(200);
    expect((await sandbox.admin(`/keys/${created.key}/revoke`)).status).toBe(200);
    expect((await sandbox.request(users, { key: created.key })).status).toBe(401);
    expect((await sandbox.admin("/keys/nope/revoke")).status).toBe(404);
    expect((await sandbox.admin("/keys", "POST", { customerId: "10294" })).status).toBe(400);
  });

  it("upserts users and appends messages, which the API then serves", async () => {
    const put = await sandbox.admin("/customers/10294/bots/1a1c9bfa5e0f41ed/users/newbie", "PUT", {
      channel: "telegram",
      name: "New",
      attributes: { plan: "silver" },
    });
    expect(put.status).toBe(200);
    const append = await sandbox.admin(
      "/customers/10294/bots/1a1c9bfa5e0f41ed/users/newbie/messages",
      "POST",
      {
        messages: [{ id: "n1", timestamp: T0, sender: "user", text: "hello" }],
      },
    );
    expect(await append.json()).toEqual({ added: 1 });
    expect(
      (await (await sandbox.request(users)).json()).users.map(
        (u: { channelUserId: string }) => u.channelUserId,
      ),
    ).toEqual(["newbie"]);
    const page = await (await sandbox.request(`${API}/channel-user/newbie/conversations`)).json();
    expect(page.messages).toEqual([{ id: "n1", timestamp: T0, sender: "user", text: "hello" }]);
  });

  it("rejects bad bodies naming the field", async () => {
    const res = await sandbox.admin("/customers/10294/bots/1a1c9bfa5e0f41ed/users/x", "PUT", {
      channel: "web",
      nmae: "typo",
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toContain("body.nmae: unknown field");
    const missing = await sandbox.admin(
      "/customers/10294/bots/1a1c9bfa5e0f41ed/users/ghost/messages",
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
        "/customers/10294/bots/1a1c9bfa5e0f41ed/stats?attribute_name=plan&attribute_value=gold",
        "GET",
      )
    ).json();
    expect(stats).toEqual({ users: 2, messages: { user: 4, bot: 2, agent: 1 } });
  });

  it("resets everything", async () => {
    expect((await sandbox.admin("/reset")).status).toBe(200);
    expect(sandbox.store.isEmpty()).toBe(true);
    expect((await sandbox.request(users)).status).toBe(401);
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

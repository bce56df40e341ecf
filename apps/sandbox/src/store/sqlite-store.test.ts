import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase } from "./open-database.ts";
import {
  createSqliteStore,
  HISTORY_COUNT_SQL,
  HISTORY_PAGE_SQL,
  USERS_BY_ATTRIBUTE_SQL,
} from "./sqlite-store.ts";

const user = {
  channelUserId: "919812345678",
  channel: "whatsapp",
  name: "Asha",
  attributes: { plan: "gold" },
};

describe("the SQLite store", () => {
  it("keeps its data in the file across a restart", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "mybot-sandbox-")), "sandbox.db");
    const first = createSqliteStore(await openDatabase(path));
    expect(first.isEmpty()).toBe(true);
    first.putKey({ key: "k-1234", customerId: "1", botKey: "b", status: "active" });
    first.upsertUser("1", "b", user);
    first.appendMessages("1", "b", user.channelUserId, [
      { id: "m1", timestamp: 5, sender: "user", text: "hi" },
    ]);
    first.close();

    const second = createSqliteStore(await openDatabase(path));
    expect(second.isEmpty()).toBe(false);
    expect(second.findKey("k-1234")).toEqual({
      key: "k-1234",
      customerId: "1",
      botKey: "b",
      status: "active",
    });
    expect(second.usersByAttribute("1", "b", "plan", "gold")).toEqual([user]);
    const page = second.history("1", "b", user.channelUserId, {
      startDate: 0,
      endDate: 10,
      offset: 0,
      limit: 10,
    });
    expect(JSON.parse(page?.messagesJson ?? "")).toEqual([
      { id: "m1", timestamp: 5, sender: "user", text: "hi" },
    ]);
    expect(page?.total).toBe(1);
    second.close();
  });

  it("serves users by attribute and history by time range from indexes, not scans", async () => {
    const db = await openDatabase(":memory:");
    createSqliteStore(db);
    const plan = (sql: string, params: unknown[]) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[])
        .map((r) => r.detail)
        .join("; ");
    const users = plan(USERS_BY_ATTRIBUTE_SQL, [1, "plan", "gold"]);
    const page = plan(HISTORY_PAGE_SQL, [1, 0, 10, 500, 0]);
    const count = plan(HISTORY_COUNT_SQL, [1, 0, 10]);
    expect(users).toMatch(/SEARCH a USING PRIMARY KEY \(bot_id=\? AND name=\? AND value=\?\)/);
    expect(users).toMatch(/SEARCH u USING INTEGER PRIMARY KEY/);
    expect(page).toMatch(
      /SEARCH messages USING PRIMARY KEY \(user_id=\? AND timestamp>\? AND timestamp<\?\)/,
    );
    expect(page).not.toMatch(/TEMP B-TREE/);
    expect(count).toMatch(/SEARCH messages USING (PRIMARY KEY|COVERING INDEX)/);
    for (const p of [users, page, count]) expect(p).not.toMatch(/\bSCAN\b/);
  });

  it("orders a user's history oldest first with ties by id, and skips a repeated message id", async () => {
    const store = createSqliteStore(await openDatabase(":memory:"));
    store.upsertUser("1", "b", user);
    const added = store.appendMessages("1", "b", user.channelUserId, [
      { id: "z", timestamp: 2, sender: "bot", text: "" },
      { id: "a", timestamp: 2, sender: "user", text: "" },
      { id: "y", timestamp: 1, sender: "agent", text: "" },
      { id: "a", timestamp: 3, sender: "user", text: "duplicate id" },
    ]);
    expect(added).toBe(3);
    const page = store.history("1", "b", user.channelUserId, {
      startDate: 0,
      endDate: 10,
      offset: 0,
      limit: 10,
    });
    expect(JSON.parse(page?.messagesJson ?? "").map((m: { id: string }) => m.id)).toEqual([
      "y",
      "a",
      "z",
    ]);
    expect(
      store.history("1", "b", "nobody", { startDate: 0, endDate: 10, offset: 0, limit: 10 }),
    ).toBeUndefined();
  });

  it("reindexes attributes when a user changes", async () => {
    const store = createSqliteStore(await openDatabase(":memory:"));
    store.upsertUser("1", "b", user);
    store.upsertUser("1", "b", { ...user, attributes: { plan: "free" } });
    expect(store.usersByAttribute("1", "b", "plan", "gold")).toEqual([]);
    expect(store.usersByAttribute("1", "b", "plan", "free")).toHaveLength(1);
    expect(store.stats("1", "b", { name: "plan", value: "free" })).toEqual({
      users: 1,
      messages: { user: 0, bot: 0, agent: 0 },
    });
  });
});

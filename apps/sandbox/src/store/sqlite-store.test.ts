import { chmodSync, mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase } from "@mybot/sqlite";
import { describe, expect, it } from "vitest";
import type { HistoryOrder } from "../history-shape.ts";
import {
  createSqliteStore,
  HISTORY_COUNT_SQL,
  historyPageSql,
  USERS_BY_ATTRIBUTE_SQL,
} from "./sqlite-store.ts";
import type { HistoryQuery, StoredMessage } from "./store.ts";

const user = {
  channelUserId: "919812345678",
  channel: "whatsapp",
  name: "Asha",
  attributes: { plan: "gold" },
};
const USER_ID = "6f1c0a52-7a43-4d55-9c2e-1b8f3e0d2a71";
const message = (m: Pick<StoredMessage, "id" | "timestamp" | "sender" | "response">) => ({
  message_type: "TEXT",
  file: null,
  attachments: null,
  user_id: USER_ID,
  ...m,
});
const all = (order: HistoryOrder = "oldest-first", ids = true): HistoryQuery => ({
  startDate: 0,
  endDate: 10,
  offset: 0,
  limit: 10,
  order,
  ids,
  timestamps: "number",
  count: true,
});

describe("the SQLite store", () => {
  it("creates its file readable by its owner only, and keeps an existing file's mode", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mybot-sandbox-"));
    const store = createSqliteStore(await openDatabase(join(dir, "new.db")));
    store.putKey({ key: "k-1234", customerId: "1", botKey: "b", status: "active" });
    store.close();
    expect(statSync(join(dir, "new.db")).mode & 0o777).toBe(0o600);

    writeFileSync(join(dir, "shared.db"), "");
    chmodSync(join(dir, "shared.db"), 0o640);
    createSqliteStore(await openDatabase(join(dir, "shared.db"))).close();
    expect(statSync(join(dir, "shared.db")).mode & 0o777).toBe(0o640);
  });

  it("keeps its data in the file across a restart", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "mybot-sandbox-")), "sandbox.db");
    const first = createSqliteStore(await openDatabase(path));
    expect(first.isEmpty()).toBe(true);
    first.putKey({ key: "k-1234", customerId: "1", botKey: "b", status: "active" });
    first.upsertUser("1", "b", user);
    first.appendMessages("1", "b", user.channelUserId, [
      message({ id: "m1", timestamp: 5, sender: "user", response: "hi" }),
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
    const page = second.history("1", "b", user.channelUserId, all());
    expect(JSON.parse(page?.messagesJson ?? "")).toEqual([
      message({ id: "m1", timestamp: 5, sender: "user", response: "hi" }),
    ]);
    expect(page?.total).toBe(1);
    second.close();
  });

  it("writes each message in every format from the same row", async () => {
    const store = createSqliteStore(await openDatabase(":memory:"));
    store.upsertUser("1", "b", user);
    const file = {
      url: "https://f.example/a b.pdf",
      mimeType: "application/pdf",
      uploadType: "FILE",
    };
    store.appendMessages("1", "b", user.channelUserId, [
      {
        ...message({ id: 'odd "id" \\ é', timestamp: 7, sender: "user", response: 'say "hi"\n' }),
        message_type: "FILE_RECEIVED",
        file,
      },
    ]);
    const rest = {
      sender: "user",
      response: 'say "hi"\n',
      message_type: "FILE_RECEIVED",
      file,
      attachments: null,
      user_id: USER_ID,
    };
    const page = (q: Partial<HistoryQuery>) =>
      store.history("1", "b", user.channelUserId, { ...all(), ...q })?.messagesJson ?? "";
    expect(page({ ids: true, timestamps: "number" })).toBe(
      JSON.stringify([{ id: 'odd "id" \\ é', timestamp: 7, ...rest }]),
    );
    expect(page({ ids: false, timestamps: "number" })).toBe(
      JSON.stringify([{ timestamp: 7, ...rest }]),
    );
    expect(page({ ids: false, timestamps: "string" })).toBe(
      JSON.stringify([{ timestamp: "1970-01-01 05:30:00.007+0530", ...rest }]),
    );
    expect(page({ ids: true, timestamps: "string" })).toBe(
      JSON.stringify([{ id: 'odd "id" \\ é', timestamp: "1970-01-01 05:30:00.007+0530", ...rest }]),
    );
    // Counting is skipped unless asked for.
    expect(store.history("1", "b", user.channelUserId, { ...all(), count: false })?.total).toBe(
      undefined,
    );
  });

  it.each(["oldest-first", "newest-first"] as const)(
    "serves users by attribute and history %s by time range from indexes, not scans",
    async (order) => {
      const db = await openDatabase(":memory:");
      createSqliteStore(db);
      const plan = (sql: string, params: unknown[]) =>
        (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[])
          .map((r) => r.detail)
          .join("; ");
      const users = plan(USERS_BY_ATTRIBUTE_SQL, [1, "plan", "gold"]);
      const pages = [true, false].flatMap((ids) =>
        (["string", "number"] as const).map((timestamps) =>
          plan(historyPageSql({ order, ids, timestamps }), [1, 0, 10, 500, 0]),
        ),
      );
      const count = plan(HISTORY_COUNT_SQL, [1, 0, 10]);
      expect(users).toMatch(/SEARCH a USING PRIMARY KEY \(bot_id=\? AND name=\? AND value=\?\)/);
      expect(users).toMatch(/SEARCH u USING INTEGER PRIMARY KEY/);
      for (const page of pages) {
        expect(page).toMatch(
          /SEARCH messages USING PRIMARY KEY \(user_id=\? AND timestamp>\? AND timestamp<\?\)/,
        );
        expect(page).not.toMatch(/TEMP B-TREE/);
      }
      expect(count).toMatch(/SEARCH messages USING (PRIMARY KEY|COVERING INDEX)/);
      for (const p of [users, ...pages, count]) expect(p).not.toMatch(/\bSCAN\b/);
    },
  );

  it("orders a user's history with ties by id, either way, and skips a repeated message id", async () => {
    const store = createSqliteStore(await openDatabase(":memory:"));
    store.upsertUser("1", "b", user);
    const added = store.appendMessages("1", "b", user.channelUserId, [
      message({ id: "z", timestamp: 2, sender: "bot", response: "" }),
      message({ id: "a", timestamp: 2, sender: "user", response: "" }),
      message({ id: "y", timestamp: 1, sender: "agent", response: "" }),
      message({ id: "a", timestamp: 3, sender: "user", response: "duplicate id" }),
    ]);
    expect(added).toBe(3);
    const ids = (order: HistoryOrder, offset = 0, limit = 10) =>
      JSON.parse(
        store.history("1", "b", user.channelUserId, { ...all(order), offset, limit })
          ?.messagesJson ?? "",
      ).map((m: { id: string }) => m.id);
    expect(ids("oldest-first")).toEqual(["y", "a", "z"]);
    expect(ids("newest-first")).toEqual(["z", "a", "y"]);
    expect([
      ids("newest-first", 0, 2),
      ids("newest-first", 2, 2),
      ids("newest-first", 4, 2),
    ]).toEqual([["z", "a"], ["y"], []]);
    expect(store.history("1", "b", "nobody", all())).toBeUndefined();
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

  it("brings a file from the earlier schema (text messages, no offsets) over, keeping its data", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "mybot-sandbox-")), "old.db");
    const old = await openDatabase(path);
    old.exec(`
      CREATE TABLE bots (id INTEGER PRIMARY KEY, customer_id TEXT NOT NULL, bot_key TEXT NOT NULL, UNIQUE (customer_id, bot_key));
      CREATE TABLE users (id INTEGER PRIMARY KEY, bot_id INTEGER NOT NULL REFERENCES bots(id), channel_user_id TEXT NOT NULL,
        channel TEXT NOT NULL, name TEXT, attributes TEXT NOT NULL, UNIQUE (bot_id, channel_user_id));
      CREATE TABLE messages (user_id INTEGER NOT NULL REFERENCES users(id), timestamp INTEGER NOT NULL, id TEXT NOT NULL,
        sender TEXT NOT NULL CHECK (sender IN ('user', 'bot', 'agent')), json TEXT NOT NULL,
        PRIMARY KEY (user_id, timestamp, id)) WITHOUT ROWID;
      CREATE UNIQUE INDEX messages_by_id ON messages (user_id, id);
      INSERT INTO bots VALUES (1, '1', 'b');
      INSERT INTO users VALUES (1, 1, 'u', 'web', NULL, '{}');
      INSERT INTO messages VALUES (1, 5, 'm1', 'user', '{"id":"m1","timestamp":5,"sender":"user","text":"hi"}');
    `);
    old.close();
    const store = createSqliteStore(await openDatabase(path));
    const page = store.history("1", "b", "u", { ...all(), timestamps: "string" });
    expect(JSON.parse(page?.messagesJson ?? "")).toEqual([
      {
        id: "m1",
        timestamp: "1970-01-01 05:30:00.005+0530",
        sender: "user",
        response: "hi",
        message_type: "TEXT",
        file: null,
        attachments: null,
        user_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      },
    ]);
    expect(store.stats("1", "b").messages.user).toBe(1);
    store.close();
  });
});

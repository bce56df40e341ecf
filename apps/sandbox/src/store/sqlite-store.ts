/**
 * The SQLite implementation of {@link SandboxStore}. Every read the API serves is an index
 * lookup: users by (bot, attribute name, value) through `user_attributes`, and history by
 * (user, timestamp, id) through the primary key of `messages`, which also gives the stable
 * order in either direction (ties by id, reversed for newest first).
 *
 * @module
 */

import type { SqlDatabase, SqlStatement } from "@mybot/sqlite";
import { sessionUserId } from "../derived-ids.ts";
import { DEFAULT_UTC_OFFSET, formatVendorTimestamp } from "../vendor-time.ts";
import type {
  CohortStats,
  HistoryQuery,
  KeyStatus,
  SandboxStore,
  Sender,
  StoredKey,
  StoredMessage,
  StoredUser,
} from "./store.ts";

const PRAGMAS = `
PRAGMA journal_mode = WAL;
PRAGMA synchronous = NORMAL;
PRAGMA foreign_keys = ON;
`;
const SCHEMA = `
CREATE TABLE IF NOT EXISTS bots (
  id INTEGER PRIMARY KEY,
  customer_id TEXT NOT NULL,
  bot_key TEXT NOT NULL,
  -- The zone the bot's timestamps are shown in, as the vendor writes it: +0530.
  utc_offset TEXT NOT NULL DEFAULT '${DEFAULT_UTC_OFFSET}',
  UNIQUE (customer_id, bot_key)
);
CREATE TABLE IF NOT EXISTS api_keys (
  key TEXT PRIMARY KEY,
  bot_id INTEGER NOT NULL REFERENCES bots(id),
  status TEXT NOT NULL CHECK (status IN ('active', 'revoked', 'replaced'))
);
CREATE TABLE IF NOT EXISTS users (
  id INTEGER PRIMARY KEY,
  bot_id INTEGER NOT NULL REFERENCES bots(id),
  channel_user_id TEXT NOT NULL,
  channel TEXT NOT NULL,
  name TEXT,
  attributes TEXT NOT NULL,
  UNIQUE (bot_id, channel_user_id)
);
CREATE TABLE IF NOT EXISTS user_attributes (
  bot_id INTEGER NOT NULL,
  name TEXT NOT NULL,
  value TEXT NOT NULL,
  user_id INTEGER NOT NULL REFERENCES users(id),
  PRIMARY KEY (bot_id, name, value, user_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS user_attributes_by_user ON user_attributes (user_id);
`;
/**
 * A served message is spliced from its parts by the page query (see {@link historyPageSql}), so
 * that every shape is served from the same rows without parsing or formatting on read.
 */
const MESSAGES_SCHEMA = `
CREATE TABLE IF NOT EXISTS messages (
  user_id INTEGER NOT NULL REFERENCES users(id),
  timestamp INTEGER NOT NULL,
  id TEXT NOT NULL,
  sender TEXT NOT NULL CHECK (sender IN ('user', 'bot', 'agent')),
  -- The timestamp as the vendor's string in the bot's offset, formatted once on write.
  stamp TEXT NOT NULL,
  -- The JSON members other than id and timestamp, without the braces: "sender":…,"user_id":…
  rest TEXT NOT NULL,
  PRIMARY KEY (user_id, timestamp, id)
) WITHOUT ROWID;
CREATE UNIQUE INDEX IF NOT EXISTS messages_by_id ON messages (user_id, id);
`;

/** How the page query writes each message; the parts of a {@link HistoryQuery} that change SQL. */
export type HistoryFormat = Pick<HistoryQuery, "order" | "ids" | "timestamps">;

/**
 * The rows of one history page, each the message's JSON as served in `format`. Both orders read
 * the primary key (user_id, timestamp, id), forwards or backwards, so neither sorts.
 *
 * @example
 * ```ts
 * db.prepare(historyPageSql({ order: "newest-first", ids: false, timestamps: "string" }));
 * ```
 */
export function historyPageSql(format: HistoryFormat): string {
  const open = format.ids ? `'{"id":' || json_quote(id) || ','` : `'{'`;
  const timestamp =
    format.timestamps === "string"
      ? `'"timestamp":"' || stamp || '",'`
      : `'"timestamp":' || timestamp || ','`;
  const direction = format.order === "newest-first" ? " DESC" : "";
  return `SELECT ${open} || ${timestamp} || rest || '}' AS json FROM messages
  WHERE user_id = ? AND timestamp >= ? AND timestamp < ? ORDER BY timestamp${direction}, id${direction} LIMIT ? OFFSET ?`;
}

/** The two other reads the API serves, exported so that a test can check their query plans. */
export const USERS_BY_ATTRIBUTE_SQL = `SELECT u.id, u.channel_user_id, u.channel, u.name, u.attributes FROM user_attributes a
  JOIN users u ON u.id = a.user_id
  WHERE a.bot_id = ? AND a.name = ? AND a.value = ? ORDER BY u.channel_user_id`;
export const HISTORY_COUNT_SQL =
  "SELECT COUNT(*) AS n FROM messages WHERE user_id = ? AND timestamp >= ? AND timestamp < ?";

/**
 * The page as one JSON array. SQLite feeds an ordered subquery to the aggregate in order; an
 * ORDER BY inside group_concat would say so explicitly but costs a sort (+65 % per page), and
 * the order is pinned by tests on every runtime instead.
 */
const historyJsonSql = (format: HistoryFormat) =>
  `SELECT '[' || coalesce(group_concat(json, ','), '') || ']' AS json FROM (${historyPageSql(format)})`;

/** The members of a message's JSON other than id and timestamp, in the vendor's order. */
function restJson(m: StoredMessage): string {
  const file = m.file && {
    url: m.file.url,
    mimeType: m.file.mimeType,
    uploadType: m.file.uploadType,
  };
  return JSON.stringify({
    sender: m.sender,
    response: m.response,
    message_type: m.message_type,
    file,
    attachments: m.attachments,
    user_id: m.user_id,
  }).slice(1, -1);
}

const columns = (db: SqlDatabase, table: string): string[] =>
  (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);

/**
 * Brings a file written by an earlier sandbox (messages as `{id, timestamp, sender, text}`
 * JSON, bots without an offset) to this schema, keeping its data. Step one, before the
 * messages table is created: set the old table aside.
 */
function setAsideOldMessages(db: SqlDatabase): void {
  if (!columns(db, "bots").includes("utc_offset"))
    db.exec(`ALTER TABLE bots ADD COLUMN utc_offset TEXT NOT NULL DEFAULT '${DEFAULT_UTC_OFFSET}'`);
  if (columns(db, "messages").includes("json"))
    db.exec("DROP INDEX IF EXISTS messages_by_id; ALTER TABLE messages RENAME TO messages_v1");
}

/** Step two: copy the old messages over, `text` becoming `response`, then drop the old table. */
function copyOldMessages(db: SqlDatabase, insert: SqlStatement): void {
  if (columns(db, "messages_v1").length === 0) return;
  db.transaction(() => {
    const rows = db
      .prepare(
        `SELECT m.user_id, m.timestamp, m.id, m.sender, m.json, u.channel_user_id, b.customer_id, b.bot_key, b.utc_offset
         FROM messages_v1 m JOIN users u ON u.id = m.user_id JOIN bots b ON b.id = u.bot_id`,
      )
      .all() as {
      user_id: number;
      timestamp: number;
      id: string;
      sender: Sender;
      json: string;
      channel_user_id: string;
      customer_id: string;
      bot_key: string;
      utc_offset: string;
    }[];
    for (const row of rows) {
      const old = JSON.parse(row.json) as { text?: unknown };
      const message: StoredMessage = {
        id: row.id,
        timestamp: Number(row.timestamp),
        sender: row.sender,
        response: typeof old.text === "string" ? old.text : "",
        message_type: "TEXT",
        file: null,
        attachments: null,
        user_id: sessionUserId(row.customer_id, row.bot_key, row.channel_user_id),
      };
      insert.run(
        row.user_id,
        message.timestamp,
        message.id,
        message.sender,
        formatVendorTimestamp(message.timestamp, row.utc_offset),
        restJson(message),
      );
    }
    db.exec("DROP TABLE messages_v1");
  });
}

interface UserRow {
  id: number;
  channel_user_id: string;
  channel: string;
  name: string | null;
  attributes: string;
}

function toUser(row: UserRow): StoredUser {
  return {
    channelUserId: row.channel_user_id,
    channel: row.channel,
    name: row.name,
    attributes: JSON.parse(row.attributes),
  };
}

/**
 * @example
 * ```ts
 * const store = createSqliteStore(await openDatabase(":memory:"));
 * ```
 */
export function createSqliteStore(db: SqlDatabase): SandboxStore {
  db.exec(PRAGMAS);
  db.exec(SCHEMA);
  setAsideOldMessages(db);
  db.exec(MESSAGES_SCHEMA);
  const q = (sql: string): SqlStatement => db.prepare(sql);
  const s = {
    anyBot: q("SELECT 1 FROM bots LIMIT 1"),
    botId: q("SELECT id FROM bots WHERE customer_id = ? AND bot_key = ?"),
    botOffset: q("SELECT utc_offset FROM bots WHERE id = ?"),
    insertBot: q("INSERT OR IGNORE INTO bots (customer_id, bot_key) VALUES (?, ?)"),
    setBotOffset: q("UPDATE bots SET utc_offset = ? WHERE id = ?"),
    botMessages: q(
      "SELECT m.user_id, m.timestamp, m.id FROM messages m JOIN users u ON u.id = m.user_id WHERE u.bot_id = ?",
    ),
    setStamp: q("UPDATE messages SET stamp = ? WHERE user_id = ? AND timestamp = ? AND id = ?"),
    findKey: q(
      "SELECT k.key, k.status, b.customer_id, b.bot_key FROM api_keys k JOIN bots b ON b.id = k.bot_id WHERE k.key = ?",
    ),
    putKey: q(
      "INSERT INTO api_keys (key, bot_id, status) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET bot_id = excluded.bot_id, status = excluded.status",
    ),
    setKeyStatus: q("UPDATE api_keys SET status = ? WHERE key = ?"),
    upsertUser: q(
      `INSERT INTO users (bot_id, channel_user_id, channel, name, attributes) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (bot_id, channel_user_id) DO UPDATE SET channel = excluded.channel, name = excluded.name, attributes = excluded.attributes`,
    ),
    userRow: q(
      "SELECT id, channel_user_id, channel, name, attributes FROM users WHERE bot_id = ? AND channel_user_id = ?",
    ),
    userId: q("SELECT id FROM users WHERE bot_id = ? AND channel_user_id = ?"),
    userAndOffset: q(
      `SELECT u.id, b.utc_offset FROM bots b JOIN users u ON u.bot_id = b.id
       WHERE b.customer_id = ? AND b.bot_key = ? AND u.channel_user_id = ?`,
    ),
    clearAttributes: q("DELETE FROM user_attributes WHERE user_id = ?"),
    insertAttribute: q(
      "INSERT OR IGNORE INTO user_attributes (bot_id, name, value, user_id) VALUES (?, ?, ?, ?)",
    ),
    usersByAttribute: q(USERS_BY_ATTRIBUTE_SQL),
    insertMessage: q(
      "INSERT OR IGNORE INTO messages (user_id, timestamp, id, sender, stamp, rest) VALUES (?, ?, ?, ?, ?, ?)",
    ),
    count: q(HISTORY_COUNT_SQL),
    statsAll: q(`SELECT COUNT(DISTINCT u.id) AS users FROM users u WHERE u.bot_id = ?`),
    sendersAll: q(
      "SELECT m.sender, COUNT(*) AS n FROM messages m JOIN users u ON u.id = m.user_id WHERE u.bot_id = ? GROUP BY m.sender",
    ),
    statsCohort: q(
      "SELECT COUNT(*) AS users FROM user_attributes WHERE bot_id = ? AND name = ? AND value = ?",
    ),
    sendersCohort: q(
      `SELECT m.sender, COUNT(*) AS n FROM user_attributes a JOIN messages m ON m.user_id = a.user_id
       WHERE a.bot_id = ? AND a.name = ? AND a.value = ? GROUP BY m.sender`,
    ),
  };

  copyOldMessages(db, s.insertMessage);

  // One prepared page statement per format, made when a format is first asked for.
  const pages = new Map<string, SqlStatement>();
  const pageStatement = (f: HistoryFormat): SqlStatement => {
    const key = `${f.order}/${f.ids}/${f.timestamps}`;
    let statement = pages.get(key);
    if (!statement) {
      statement = q(historyJsonSql(f));
      pages.set(key, statement);
    }
    return statement;
  };

  const botId = (customerId: string, botKey: string): number | undefined =>
    (s.botId.get(customerId, botKey) as { id: number } | undefined)?.id;
  const ensureBotId = (customerId: string, botKey: string): number => {
    s.insertBot.run(customerId, botKey);
    return botId(customerId, botKey) as number;
  };
  const userId = (
    customerId: string,
    botKey: string,
    channelUserId: string,
  ): number | undefined => {
    const bot = botId(customerId, botKey);
    return bot === undefined
      ? undefined
      : (s.userId.get(bot, channelUserId) as { id: number } | undefined)?.id;
  };

  const store: SandboxStore = {
    driver: db.name,
    isEmpty: () => s.anyBot.get() === undefined,
    findKey(key) {
      const row = s.findKey.get(key) as
        | { key: string; status: KeyStatus; customer_id: string; bot_key: string }
        | undefined;
      return (
        row && {
          key: row.key,
          status: row.status,
          customerId: row.customer_id,
          botKey: row.bot_key,
        }
      );
    },
    putKey(key: StoredKey) {
      s.putKey.run(key.key, ensureBotId(key.customerId, key.botKey), key.status);
    },
    setKeyStatus: (key, status) => Number(s.setKeyStatus.run(status, key).changes) > 0,
    botExists: (customerId, botKey) => botId(customerId, botKey) !== undefined,
    ensureBot(customerId, botKey, utcOffset) {
      db.transaction(() => {
        const bot = ensureBotId(customerId, botKey);
        if (utcOffset === undefined) return;
        const current = (s.botOffset.get(bot) as { utc_offset: string }).utc_offset;
        if (current === utcOffset) return;
        s.setBotOffset.run(utcOffset, bot);
        // The strings were formatted in the old offset; the instants stay, their wording changes.
        const rows = s.botMessages.all(bot) as { user_id: number; timestamp: number; id: string }[];
        for (const r of rows)
          s.setStamp.run(
            formatVendorTimestamp(Number(r.timestamp), utcOffset),
            r.user_id,
            r.timestamp,
            r.id,
          );
      });
    },
    upsertUser(customerId, botKey, user) {
      db.transaction(() => {
        const bot = ensureBotId(customerId, botKey);
        s.upsertUser.run(
          bot,
          user.channelUserId,
          user.channel,
          user.name,
          JSON.stringify(user.attributes),
        );
        const id = (s.userRow.get(bot, user.channelUserId) as UserRow).id;
        s.clearAttributes.run(id);
        // The channel is matchable like any attribute: `channel=whatsapp` is a natural cohort.
        for (const [name, value] of Object.entries({ channel: user.channel, ...user.attributes })) {
          s.insertAttribute.run(bot, name, value, id);
        }
      });
    },
    getUser(customerId, botKey, channelUserId) {
      const bot = botId(customerId, botKey);
      const row =
        bot === undefined ? undefined : (s.userRow.get(bot, channelUserId) as UserRow | undefined);
      return row && toUser(row);
    },
    usersByAttribute(customerId, botKey, name, value) {
      const bot = botId(customerId, botKey);
      if (bot === undefined) return [];
      return (s.usersByAttribute.all(bot, name, value) as UserRow[]).map(toUser);
    },
    appendMessages(customerId, botKey, channelUserId, messages) {
      const row = s.userAndOffset.get(customerId, botKey, channelUserId) as
        | { id: number; utc_offset: string }
        | undefined;
      if (row === undefined) throw new Error(`no user ${channelUserId} in ${customerId}/${botKey}`);
      return db.transaction(() => {
        let added = 0;
        for (const m of messages) {
          const stamp = formatVendorTimestamp(m.timestamp, row.utc_offset);
          added += Number(
            s.insertMessage.run(row.id, m.timestamp, m.id, m.sender, stamp, restJson(m)).changes,
          );
        }
        return added;
      });
    },
    history(customerId, botKey, channelUserId, query: HistoryQuery) {
      const id = userId(customerId, botKey, channelUserId);
      if (id === undefined) return undefined;
      const { json } = pageStatement(query).get(
        id,
        query.startDate,
        query.endDate,
        query.limit,
        query.offset,
      ) as { json: string };
      const total = query.count
        ? Number((s.count.get(id, query.startDate, query.endDate) as { n: number }).n)
        : undefined;
      return { messagesJson: json, total };
    },
    stats(customerId, botKey, attribute): CohortStats {
      const bot = botId(customerId, botKey);
      const messages: Record<Sender, number> = { user: 0, bot: 0, agent: 0 };
      if (bot === undefined) return { users: 0, messages };
      const users = attribute
        ? (s.statsCohort.get(bot, attribute.name, attribute.value) as { users: number }).users
        : (s.statsAll.get(bot) as { users: number }).users;
      const rows = (
        attribute
          ? s.sendersCohort.all(bot, attribute.name, attribute.value)
          : s.sendersAll.all(bot)
      ) as { sender: Sender; n: number }[];
      for (const row of rows) messages[row.sender] = Number(row.n);
      return { users: Number(users), messages };
    },
    batch: (fn) => db.transaction(fn),
    reset() {
      db.transaction(() => {
        for (const table of ["messages", "user_attributes", "users", "api_keys", "bots"])
          db.exec(`DELETE FROM ${table}`);
      });
    },
    close: () => db.close(),
  };
  return store;
}

/**
 * The SQLite implementation of {@link SandboxStore}. Every read the API serves is an index
 * lookup: users by (bot, attribute name, value) through `user_attributes`, and history by
 * (user, timestamp, id) through the primary key of `messages`, which also gives the stable
 * order the spec documents (oldest first, ties by id).
 *
 * @module
 */
import type { SqlDatabase, SqlStatement } from "./sql-driver.ts";
import type {
  CohortStats,
  HistoryQuery,
  KeyStatus,
  SandboxStore,
  Sender,
  StoredKey,
  StoredUser,
} from "./store.ts";

const SCHEMA = `
PRAGMA journal_mode = WAL;
PRAGMA synchronous = NORMAL;
PRAGMA foreign_keys = ON;
CREATE TABLE IF NOT EXISTS bots (
  id INTEGER PRIMARY KEY,
  customer_id TEXT NOT NULL,
  bot_key TEXT NOT NULL,
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
CREATE TABLE IF NOT EXISTS messages (
  user_id INTEGER NOT NULL REFERENCES users(id),
  timestamp INTEGER NOT NULL,
  id TEXT NOT NULL,
  sender TEXT NOT NULL CHECK (sender IN ('user', 'bot', 'agent')),
  -- The message as served, serialized once on write so that a page read only concatenates.
  json TEXT NOT NULL,
  PRIMARY KEY (user_id, timestamp, id)
) WITHOUT ROWID;
CREATE UNIQUE INDEX IF NOT EXISTS messages_by_id ON messages (user_id, id);
`;

/** The three reads the API serves, exported so that a test can check their query plans. */
export const USERS_BY_ATTRIBUTE_SQL = `SELECT u.id, u.channel_user_id, u.channel, u.name, u.attributes FROM user_attributes a
  JOIN users u ON u.id = a.user_id
  WHERE a.bot_id = ? AND a.name = ? AND a.value = ? ORDER BY u.channel_user_id`;
export const HISTORY_PAGE_SQL = `SELECT json FROM messages
  WHERE user_id = ? AND timestamp >= ? AND timestamp < ? ORDER BY timestamp, id LIMIT ? OFFSET ?`;
/**
 * The page as one JSON array. SQLite feeds an ordered subquery to the aggregate in order; an
 * ORDER BY inside group_concat would say so explicitly but costs a sort (+65 % per page), and
 * the order is pinned by tests on every runtime instead.
 */
const HISTORY_JSON_SQL = `SELECT '[' || coalesce(group_concat(json, ','), '') || ']' AS json FROM (${HISTORY_PAGE_SQL})`;
export const HISTORY_COUNT_SQL =
  "SELECT COUNT(*) AS n FROM messages WHERE user_id = ? AND timestamp >= ? AND timestamp < ?";

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
  db.exec(SCHEMA);
  const q = (sql: string): SqlStatement => db.prepare(sql);
  const s = {
    anyBot: q("SELECT 1 FROM bots LIMIT 1"),
    botId: q("SELECT id FROM bots WHERE customer_id = ? AND bot_key = ?"),
    insertBot: q("INSERT OR IGNORE INTO bots (customer_id, bot_key) VALUES (?, ?)"),
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
    clearAttributes: q("DELETE FROM user_attributes WHERE user_id = ?"),
    insertAttribute: q(
      "INSERT OR IGNORE INTO user_attributes (bot_id, name, value, user_id) VALUES (?, ?, ?, ?)",
    ),
    usersByAttribute: q(USERS_BY_ATTRIBUTE_SQL),
    insertMessage: q(
      "INSERT OR IGNORE INTO messages (user_id, timestamp, id, sender, json) VALUES (?, ?, ?, ?, ?)",
    ),
    page: q(HISTORY_JSON_SQL),
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
    ensureBot(customerId, botKey) {
      ensureBotId(customerId, botKey);
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
      const id = userId(customerId, botKey, channelUserId);
      if (id === undefined) throw new Error(`no user ${channelUserId} in ${customerId}/${botKey}`);
      return db.transaction(() => {
        let added = 0;
        for (const m of messages) {
          const json = JSON.stringify({
            id: m.id,
            timestamp: m.timestamp,
            sender: m.sender,
            text: m.text,
          });
          added += Number(s.insertMessage.run(id, m.timestamp, m.id, m.sender, json).changes);
        }
        return added;
      });
    },
    history(customerId, botKey, channelUserId, query: HistoryQuery) {
      const id = userId(customerId, botKey, channelUserId);
      if (id === undefined) return undefined;
      const { json } = s.page.get(
        id,
        query.startDate,
        query.endDate,
        query.limit,
        query.offset,
      ) as { json: string };
      const total = (s.count.get(id, query.startDate, query.endDate) as { n: number }).n;
      return { messagesJson: json, total: Number(total) };
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

/**
 * The sandbox's storage, behind one interface so that the SQLite driver can differ by runtime
 * (better-sqlite3 on Node, bun:sqlite on Bun, node:sqlite on Deno). Shapes follow the seed
 * format (README.md of this app) and the spec's `User` and `Message` schemas.
 *
 * @module
 */

/** Who sent a message (spec `Message.sender`). */
export type Sender = "user" | "bot" | "agent";

/** A message as stored and served. */
export interface StoredMessage {
  id: string;
  timestamp: number;
  sender: Sender;
  text: string;
}

/** A user as stored and served (spec `User`). */
export interface StoredUser {
  channelUserId: string;
  channel: string;
  name: string | null;
  attributes: Record<string, string>;
}

/** State of an API key: a revoked or replaced key fails authentication (vendor section 2). */
export type KeyStatus = "active" | "revoked" | "replaced";

/** An API key and the bot it grants. */
export interface StoredKey {
  key: string;
  customerId: string;
  botKey: string;
  status: KeyStatus;
}

/** A page query on one user's history; bounds are epoch ms, start inclusive, end exclusive. */
export interface HistoryQuery {
  startDate: number;
  endDate: number;
  offset: number;
  limit: number;
}

/** Message counts by sender, the ground truth for the exporter's tests. */
export interface CohortStats {
  users: number;
  messages: Record<Sender, number>;
}

/** Everything the HTTP layer needs from storage. */
export interface SandboxStore {
  /** The driver in use, for the start-up line and the tests. */
  readonly driver: string;
  isEmpty(): boolean;
  findKey(key: string): StoredKey | undefined;
  putKey(key: StoredKey): void;
  setKeyStatus(key: string, status: KeyStatus): boolean;
  botExists(customerId: string, botKey: string): boolean;
  ensureBot(customerId: string, botKey: string): void;
  upsertUser(customerId: string, botKey: string, user: StoredUser): void;
  getUser(customerId: string, botKey: string, channelUserId: string): StoredUser | undefined;
  usersByAttribute(customerId: string, botKey: string, name: string, value: string): StoredUser[];
  /** Adds messages; a message whose id the user already has is skipped. Returns how many were added. */
  appendMessages(
    customerId: string,
    botKey: string,
    channelUserId: string,
    messages: StoredMessage[],
  ): number;
  /**
   * One page of a user's history, oldest first with ties by id, as a JSON array built by the
   * database (no per-message objects on the hot path), and the total in the range.
   * Undefined when the user does not exist.
   */
  history(
    customerId: string,
    botKey: string,
    channelUserId: string,
    query: HistoryQuery,
  ): { messagesJson: string; total: number } | undefined;
  stats(
    customerId: string,
    botKey: string,
    attribute?: { name: string; value: string },
  ): CohortStats;
  /** Runs `fn` in one transaction. */
  batch<T>(fn: () => T): T;
  reset(): void;
  close(): void;
}

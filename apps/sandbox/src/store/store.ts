/**
 * The sandbox's storage, behind one interface so that the SQLite driver can differ by runtime
 * (better-sqlite3 on Node, bun:sqlite on Bun, node:sqlite on Deno). Shapes follow the seed
 * format (README.md of this app) and the spec's `User` and `Message` schemas.
 *
 * @module
 */
import type { HistoryOrder, TimestampFormat } from "../history-shape.ts";

/** Who sent a message (spec `Message.sender`). */
export type Sender = "user" | "bot" | "agent";

/** A file sent with a message (the vendor's `file` of a `FILE_RECEIVED` message). */
export interface StoredFile {
  url: string;
  mimeType?: string;
  uploadType?: string;
}

/**
 * A message as stored. `id` is the sandbox's own (the tie-break of equal timestamps, and how a
 * repeated message is recognised); it is served only when the shape asks for ids. The other
 * fields are the vendor's, served under these names.
 */
export interface StoredMessage {
  id: string;
  /** UTC epoch milliseconds. */
  timestamp: number;
  sender: Sender;
  response: string;
  /** An open set: `TEXT`, `OPTIONS`, `AGENT_PARTICIPATION_STATUS`, `FILE_RECEIVED`, … */
  message_type: string;
  file: StoredFile | null;
  attachments: unknown[] | null;
  /** The web-widget session id the vendor puts on each message, a UUID. */
  user_id: string;
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

/**
 * A page query on one user's history; bounds are epoch ms, start inclusive, end exclusive. The
 * rest says how to write each message: in which order, with or without its id, with the
 * timestamp as the vendor's string or as epoch ms; and whether to count the range.
 */
export interface HistoryQuery {
  startDate: number;
  endDate: number;
  offset: number;
  limit: number;
  order: HistoryOrder;
  ids: boolean;
  timestamps: TimestampFormat;
  /** Count the messages in the range (for page metadata); skipped otherwise, as it costs a range scan. */
  count: boolean;
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
  /**
   * Creates the bot if needed. An `utcOffset` (`+0530`) sets the zone its timestamps are shown in;
   * a new bot without one gets `+0530`.
   */
  ensureBot(customerId: string, botKey: string, utcOffset?: string): void;
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
   * One page of a user's history in the query's order (ties by id, reversed for newest first),
   * as a JSON array built by the database (no per-message objects on the hot path), and the
   * total in the range when asked. Undefined when the user does not exist.
   */
  history(
    customerId: string,
    botKey: string,
    channelUserId: string,
    query: HistoryQuery,
  ): { messagesJson: string; total: number | undefined } | undefined;
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

/**
 * The seed format (documented in this app's README): customers → bots → API keys and users →
 * messages. Parsing is strict: an unknown or ill-typed field fails with its full path, so a
 * typo in a hand-written seed is caught instead of silently ignored.
 *
 * @module
 */
import { hashHex, sessionUserId } from "./derived-ids.ts";
import type {
  KeyStatus,
  SandboxStore,
  Sender,
  StoredFile,
  StoredMessage,
  StoredUser,
} from "./store/store.ts";
import { isUtcOffset } from "./vendor-time.ts";

/**
 * A message in a seed: the vendor's fields, with defaults for all but `timestamp`, `sender`
 * and `response`. A missing `id` is derived from the content (see {@link toStoredMessages}).
 */
export interface SeedMessage {
  id?: string;
  /** UTC epoch milliseconds. */
  timestamp: number;
  sender: Sender;
  response: string;
  /** Default `TEXT`. */
  message_type?: string;
  file?: StoredFile | null;
  attachments?: unknown[] | null;
  /** Default: a UUID derived from the bot and the channel user id. */
  user_id?: string;
}

/** A seed, as parsed. */
export interface Seed {
  customers: {
    customerId: string;
    bots: {
      botKey: string;
      /** The zone the bot's timestamps are shown in, `[+-]HHMM`; `+0530` for a new bot. */
      utcOffset?: string;
      apiKeys?: { key: string; status: KeyStatus }[];
      users?: (Omit<StoredUser, "name" | "attributes"> &
        Partial<Pick<StoredUser, "name" | "attributes">> & { messages?: SeedMessage[] })[];
    }[];
  }[];
}

/** A seed that does not follow the format; `path` names the field. */
export class SeedError extends Error {
  override name = "SeedError";
  constructor(
    readonly path: string,
    problem: string,
  ) {
    super(`seed: ${path}: ${problem}`);
  }
}

type Shape = Record<string, { required: boolean; check: (value: unknown, path: string) => void }>;

function object(value: unknown, path: string, shape: Shape): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new SeedError(path, "must be an object");
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!(key in shape))
      throw new SeedError(
        `${path}.${key}`,
        `unknown field (expected one of ${Object.keys(shape).join(", ")})`,
      );
  }
  for (const [key, rule] of Object.entries(shape)) {
    if (record[key] === undefined) {
      if (rule.required) throw new SeedError(`${path}.${key}`, "is required");
    } else rule.check(record[key], `${path}.${key}`);
  }
  return record;
}

const str = (value: unknown, path: string) => {
  if (typeof value !== "string" || value === "")
    throw new SeedError(path, "must be a non-empty string");
};
const oneOf = (values: readonly string[]) => (value: unknown, path: string) => {
  if (typeof value !== "string" || !values.includes(value))
    throw new SeedError(path, `must be one of ${values.join(", ")}`);
};
const list = (item: (value: unknown, path: string) => void) => (value: unknown, path: string) => {
  if (!Array.isArray(value)) throw new SeedError(path, "must be an array");
  for (const [i, entry] of value.entries()) item(entry, `${path}[${i}]`);
};
const req = (check: Shape[string]["check"]) => ({ required: true, check });
const opt = (check: Shape[string]["check"]) => ({ required: false, check });

const SENDERS: readonly Sender[] = ["user", "bot", "agent"];

/** 9999-01-01: later instants have no four-digit year in every offset. */
const MAX_TIMESTAMP = 253_370_764_800_000;

const anyString = (v: unknown, p: string) => {
  if (typeof v !== "string") throw new SeedError(p, "must be a string");
};
const file = (value: unknown, path: string) => {
  if (value === null) return;
  object(value, path, { url: req(str), mimeType: opt(str), uploadType: opt(str) });
};
const message = (value: unknown, path: string) =>
  object(value, path, {
    id: opt(str),
    timestamp: req((v, p) => {
      if (!Number.isSafeInteger(v) || (v as number) < 0 || (v as number) >= MAX_TIMESTAMP)
        throw new SeedError(
          p,
          "must be epoch milliseconds (a non-negative integer before the year 9999)",
        );
    }),
    sender: req(oneOf(SENDERS)),
    response: req(anyString),
    message_type: opt(str),
    file: opt(file),
    attachments: opt((v, p) => {
      if (v !== null && !Array.isArray(v)) throw new SeedError(p, "must be an array or null");
    }),
    user_id: opt(str),
  });
const user = (value: unknown, path: string) =>
  object(value, path, {
    channelUserId: req(str),
    channel: req(str),
    name: opt((v, p) => {
      if (v !== null && typeof v !== "string") throw new SeedError(p, "must be a string or null");
    }),
    attributes: opt((v, p) => {
      if (typeof v !== "object" || v === null || Array.isArray(v))
        throw new SeedError(p, "must be an object of strings");
      for (const [k, s] of Object.entries(v))
        if (typeof s !== "string") throw new SeedError(`${p}.${k}`, "must be a string");
    }),
    messages: opt(list(message)),
  });
const apiKey = (value: unknown, path: string) =>
  object(value, path, { key: req(str), status: req(oneOf(["active", "revoked", "replaced"])) });
const bot = (value: unknown, path: string) =>
  object(value, path, {
    botKey: req(str),
    utcOffset: opt((v, p) => {
      if (!isUtcOffset(v)) throw new SeedError(p, "must be a UTC offset like +0530 ([+-]HHMM)");
    }),
    apiKeys: opt(list(apiKey)),
    users: opt(list(user)),
  });
const customer = (value: unknown, path: string) =>
  object(value, path, { customerId: req(str), bots: req(list(bot)) });

/**
 * Checks a parsed JSON value against the seed format.
 *
 * @example
 * ```ts
 * parseSeed(JSON.parse(readFileSync("seed.json", "utf8")));
 * ```
 */
export function parseSeed(value: unknown): Seed {
  object(value, "$", { customers: req(list(customer)) });
  return value as Seed;
}

/**
 * Seed messages as stored: defaults filled in, and a missing id derived from the message's
 * content and how many identical messages come before it in the list. So loading the same list
 * again adds nothing, and two identical messages in one list stay two.
 *
 * @example
 * ```ts
 * store.appendMessages(c, b, u, toStoredMessages(c, b, u, [{ timestamp: 1, sender: "user", response: "hi" }]));
 * ```
 */
export function toStoredMessages(
  customerId: string,
  botKey: string,
  channelUserId: string,
  messages: readonly SeedMessage[],
): StoredMessage[] {
  const userId = sessionUserId(customerId, botKey, channelUserId);
  const seen = new Map<string, number>();
  return messages.map((m) => {
    const stored: StoredMessage = {
      id: m.id ?? "",
      timestamp: m.timestamp,
      sender: m.sender,
      response: m.response,
      message_type: m.message_type ?? "TEXT",
      file: m.file ?? null,
      attachments: m.attachments ?? null,
      user_id: m.user_id ?? userId,
    };
    if (m.id === undefined) {
      const content = JSON.stringify([
        stored.timestamp,
        stored.sender,
        stored.response,
        stored.message_type,
        stored.file,
        stored.attachments,
        stored.user_id,
      ]);
      const repeat = seen.get(content) ?? 0;
      seen.set(content, repeat + 1);
      stored.id = `s-${hashHex(`${content}#${repeat}`).slice(0, 20)}`;
    }
    return stored;
  });
}

/**
 * Loads a seed into the store in one transaction. Loading the same seed twice changes nothing.
 *
 * @example
 * ```ts
 * loadSeed(store, parseSeed(json));
 * ```
 */
export function loadSeed(store: SandboxStore, seed: Seed): { users: number; messages: number } {
  let users = 0;
  let messages = 0;
  store.batch(() => {
    for (const c of seed.customers) {
      for (const b of c.bots) {
        store.ensureBot(c.customerId, b.botKey, b.utcOffset);
        for (const k of b.apiKeys ?? [])
          store.putKey({ ...k, customerId: c.customerId, botKey: b.botKey });
        for (const u of b.users ?? []) {
          store.upsertUser(c.customerId, b.botKey, {
            channelUserId: u.channelUserId,
            channel: u.channel,
            name: u.name ?? null,
            attributes: u.attributes ?? {},
          });
          users++;
          if (u.messages?.length)
            messages += store.appendMessages(
              c.customerId,
              b.botKey,
              u.channelUserId,
              toStoredMessages(c.customerId, b.botKey, u.channelUserId, u.messages),
            );
        }
      }
    }
  });
  return { users, messages };
}

/**
 * The one place that turns response bodies into the client's types. The vendor does not publish
 * its bodies; contracts/openapi/mybot.yaml describes what a production integration observed
 * (`VendorMessage`, `ChatHistoryResponse`) and marks the rest `x-mybot-assumption`. So this file
 * reads tolerantly: the list under `conversations` or `messages`, timestamps as the vendor's
 * string or as epoch ms, the text in `response` or `text`, with or without ids and page metadata.
 * Unknown fields pass through (`raw`), and only what cannot be read without guessing is refused.
 *
 * @module
 */
import { createMyBotError, isMyBotApiError } from "./errors.ts";
import { fingerprint } from "./fingerprint.ts";
import { redactError } from "./redact.ts";
import type {
  ChatFile,
  ChatHistoryPage,
  ChatMessage,
  ErrorBody,
  HistoryOrder,
  MyBotUser,
  Pagination,
} from "./types.ts";
import { parseVendorTimestamp } from "./vendor-time.ts";

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function invalidResponse(what: string): never {
  throw createMyBotError({
    kind: "invalid_response",
    message: `MyBOT sent an unexpected body: ${what}`,
  });
}

const clip = (text: string, max = 60) => (text.length > max ? `${text.slice(0, max)}…` : text);

/**
 * The users of a `GET …/users` body (spec `UsersResponse`).
 *
 * @example
 * ```ts
 * toUsers({ users: [{ channelUserId: "1", channel: "web", attributes: {} }], total: 1 });
 * ```
 */
export function toUsers(body: unknown): MyBotUser[] {
  if (!isObject(body) || !Array.isArray(body.users)) invalidResponse("no `users` array");
  for (const user of body.users as unknown[]) {
    if (!isObject(user) || typeof user.channelUserId !== "string") {
      invalidResponse("a user without a `channelUserId`");
    }
    if (!isObject(user.attributes)) user.attributes = {};
    if (user.name === undefined) user.name = null;
    if (typeof user.channel !== "string") user.channel = "unknown";
  }
  return body.users as MyBotUser[];
}

/** Common spellings of the three senders; any other value is passed through as sent. */
const SENDERS: Record<string, "user" | "bot" | "agent"> = {
  bot: "bot",
  user: "user",
  customer: "user",
  end_user: "user",
  enduser: "user",
  visitor: "user",
  agent: "agent",
  live_agent: "agent",
  human: "agent",
  human_agent: "agent",
};

function senderOf(value: unknown): string {
  if (typeof value !== "string" || value === "") return "unknown";
  return SENDERS[value] ?? SENDERS[value.toLowerCase()] ?? value;
}

const ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
};

/** HTML to its readable text: tags dropped, common entities decoded, spaces folded. Linear time. */
function htmlToText(html: string): string {
  return html
    .replace(/<[^>]*>/g, "")
    .replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,5});/gi, (entity, name: string) => {
      if (name[0] !== "#") return ENTITIES[name.toLowerCase()] ?? entity;
      const code =
        name[1] === "x" || name[1] === "X"
          ? Number.parseInt(name.slice(2), 16)
          : Number(name.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    })
    .replace(/\s+/g, " ")
    .trim();
}

/** The sentence of an `AGENT_PARTICIPATION_STATUS` message: a JSON string whose HTML says who joined. */
function participationSentence(response: string): string {
  try {
    const parsed: unknown = JSON.parse(response);
    if (isObject(parsed) && typeof parsed.PARTICIPATION_MESSAGE === "string")
      return htmlToText(parsed.PARTICIPATION_MESSAGE);
  } catch {
    // Not JSON: read it as HTML.
  }
  return htmlToText(response);
}

const UPLOADED = "User uploaded ";

/** The file name in the vendor's placeholder `User uploaded <name> - [<mime type>]`. */
function uploadedName(response: string): string | undefined {
  if (!response.startsWith(UPLOADED)) return undefined;
  const end = response.lastIndexOf(" - [");
  return end > UPLOADED.length ? response.slice(UPLOADED.length, end) : undefined;
}

function nameFromUrl(url: string): string {
  const path = url.split(/[?#]/, 1)[0] ?? "";
  const last = path.slice(path.lastIndexOf("/") + 1);
  try {
    return decodeURIComponent(last) || "file";
  } catch {
    return last || "file";
  }
}

function fileOf(value: unknown, response: string): ChatFile | undefined {
  if (!isObject(value) || typeof value.url !== "string") return undefined;
  return {
    url: value.url,
    name: uploadedName(response) ?? nameFromUrl(value.url),
    mimeType: typeof value.mimeType === "string" ? value.mimeType : undefined,
    uploadType: typeof value.uploadType === "string" ? value.uploadType : undefined,
  };
}

/** The choices of an `OPTIONS` message: `[⭐, ⭐⭐, ⭐⭐⭐]` → `["⭐", "⭐⭐", "⭐⭐⭐"]`. */
function optionsOf(response: string): string[] {
  const inner = response.trim().replace(/^\[/, "").replace(/\]$/, "");
  return inner
    .split(",")
    .map((option) => option.trim())
    .filter((option) => option !== "");
}

/** Where a message stands, for error messages. */
export interface MessagePlace {
  index: number;
  pageNumber: number;
}

const describePlace = (place: MessagePlace) =>
  `message ${place.index + 1} of page ${place.pageNumber}`;

/**
 * One message of any known shape as the client's {@link ChatMessage}.
 *
 * @example
 * ```ts
 * toChatMessage({ timestamp: "2026-08-01 20:51:14.250+0530", sender: "bot", response: "Hi", message_type: "TEXT" }, { index: 0, pageNumber: 1 });
 * ```
 */
export function toChatMessage(raw: unknown, place: MessagePlace): ChatMessage {
  if (!isObject(raw)) invalidResponse(`${describePlace(place)} is not an object`);
  const timestamp = parseVendorTimestamp(raw.timestamp);
  if (timestamp === undefined) {
    const shown = raw.timestamp === undefined ? "no timestamp" : JSON.stringify(raw.timestamp);
    invalidResponse(
      `the \`timestamp\` of ${describePlace(place)} cannot be read (${clip(String(shown))}); expected like 2026-08-01 20:51:14.250+0530 or epoch milliseconds`,
    );
  }
  const sender = senderOf(raw.sender);
  const type =
    typeof raw.message_type === "string" && raw.message_type !== "" ? raw.message_type : "TEXT";
  const response =
    typeof raw.response === "string" ? raw.response : typeof raw.text === "string" ? raw.text : "";
  const file = raw.file === null || raw.file === undefined ? undefined : fileOf(raw.file, response);
  let text = response;
  if (type === "AGENT_PARTICIPATION_STATUS") text = participationSentence(response);
  else if (file && (type === "FILE_RECEIVED" || uploadedName(response) !== undefined))
    text = file.name;
  const vendorId = raw.id ?? raw.message_id ?? raw.messageId;
  const id =
    typeof vendorId === "string" && vendorId !== ""
      ? vendorId
      : typeof vendorId === "number"
        ? String(vendorId)
        : fingerprint(
            timestamp,
            sender,
            type,
            response,
            // Without its query: a signed link may change on every call, the file does not.
            file ? (file.url.split(/[?#]/, 1)[0] as string) : "",
          );
  // Every message has the same keys, so that code reading them sees one object shape.
  return {
    id,
    timestamp,
    sender,
    type,
    text,
    options: type === "OPTIONS" ? optionsOf(response) : undefined,
    file,
    raw,
  };
}

/** The order a list of messages is in, by its first and last timestamps; undefined when they are equal. */
export function orderOf(messages: readonly ChatMessage[]): HistoryOrder | undefined {
  const first = messages[0]?.timestamp;
  const last = messages[messages.length - 1]?.timestamp;
  if (first === undefined || last === undefined || first === last) return undefined;
  return first < last ? "oldest-first" : "newest-first";
}

/** What the request asked for: pagination is counted from it, not from what the server claims. */
export interface PageRequest {
  channelUserId: string;
  pageNumber: number;
  pageSize: number;
  /** Redacted from the errors of the mapping, which is thrown after the request ended. */
  secrets?: readonly string[] | undefined;
}

const count = (value: unknown) =>
  typeof value === "number" && Number.isSafeInteger(value) && value >= 0 ? value : undefined;

/**
 * The messages of a page, in the server's order. Identical content at the same instant is
 * numbered (`fp-…-2`), so that each keeps an id of its own.
 */
function toChatMessages(list: readonly unknown[], pageNumber: number): ChatMessage[] {
  const messages = new Array<ChatMessage>(list.length);
  // Pages are in time order (either way), so equal instants stand together and a short list of
  // the current instant's fingerprints serves instead of a set of the whole page.
  let instant = Number.NaN;
  let first = "";
  let atInstant: string[] | undefined;
  for (let index = 0; index < list.length; index++) {
    const message = toChatMessage(list[index], { index, pageNumber });
    if (message.id.startsWith("fp-")) {
      if (message.timestamp !== instant) {
        instant = message.timestamp;
        first = message.id;
        atInstant = undefined;
      } else {
        atInstant ??= [first];
        if (atInstant.includes(message.id)) {
          let n = 2;
          while (atInstant.includes(`${message.id}-${n}`)) n++;
          message.id = `${message.id}-${n}`;
        }
        atInstant.push(message.id);
      }
    }
    messages[index] = message;
  }
  return messages;
}

/** The order of a page from its first and last timestamps, without mapping the rest. */
function orderOfList(
  list: readonly unknown[],
  mapAll: () => ChatMessage[],
): HistoryOrder | undefined {
  const timeOf = (raw: unknown) =>
    isObject(raw) ? parseVendorTimestamp(raw.timestamp) : undefined;
  const first = timeOf(list[0]);
  const last = timeOf(list[list.length - 1]);
  // An unreadable end: mapping the page reports it, naming the message.
  if (list.length > 0 && (first === undefined || last === undefined)) return orderOf(mapAll());
  if (first === undefined || last === undefined || first === last) return undefined;
  return first < last ? "oldest-first" : "newest-first";
}

/**
 * One history page of a `GET …/conversations` body (spec `ChatHistoryResponse`), its messages in
 * the server's order.
 *
 * The messages are mapped when first read, not here: the call then costs little more than the
 * request (see bench/), and a caller that only pages or counts never pays for the mapping. An
 * unreadable message is reported on that first read, as an `invalid_response` error naming it.
 *
 * @example
 * ```ts
 * toChatHistoryPage({ conversations: [] }, { channelUserId: "1", pageNumber: 1, pageSize: 500 });
 * ```
 */
export function toChatHistoryPage(body: unknown, request: PageRequest): ChatHistoryPage {
  if (!isObject(body)) invalidResponse("the history body is not a JSON object");
  const listKey = Array.isArray(body.conversations)
    ? "conversations"
    : Array.isArray(body.messages)
      ? "messages"
      : invalidResponse(
          `no \`conversations\` or \`messages\` array (keys seen: ${
            Object.keys(body)
              .slice(0, 12)
              .map((k) => clip(k, 30))
              .join(", ") || "none"
          })`,
        );
  const list = body[listKey] as unknown[];
  const meta = isObject(body.pagination) ? body.pagination : undefined;
  const pagination: Pagination = {
    pageNumber: request.pageNumber,
    pageSize: request.pageSize,
    totalMessages: count(meta?.totalMessages),
    totalPages: count(meta?.totalPages),
    // Without metadata a full page is the only hint that another may follow.
    hasNextPage:
      typeof meta?.hasNextPage === "boolean"
        ? meta.hasNextPage && list.length > 0
        : list.length >= request.pageSize,
    fromServer: meta !== undefined,
  };
  const channelUserId =
    typeof body.channelUserId === "string" ? body.channelUserId : request.channelUserId;
  let messages: ChatMessage[] | undefined;
  let order: HistoryOrder | undefined | null = null;
  const mapAll = () => {
    try {
      messages ??= toChatMessages(list, request.pageNumber);
    } catch (error) {
      // A message field may echo anything, the key included.
      throw isMyBotApiError(error) ? redactError(error, request.secrets ?? []) : error;
    }
    return messages;
  };
  return {
    channelUserId,
    get messages() {
      return mapAll();
    },
    set messages(value) {
      messages = value;
    },
    pagination,
    get order() {
      if (order === null) order = orderOfList(list, mapAll);
      return order;
    },
    set order(value) {
      order = value;
    },
    listKey,
    body,
  };
}

// Not `statusCode`: beside a nested vendor code it is only the HTTP status again.
const CODE_KEYS = ["errorCode", "code", "error_code"];
const NAME_KEYS = ["errorMessage", "error_message", "errorName", "message", "error"];
const DETAIL_KEYS = ["errorDetails", "error_details", "details", "description", "detail", "desc"];

function first(body: Record<string, unknown>, keys: string[], read: (v: unknown) => unknown) {
  for (const key of keys) {
    const value = read(body[key]);
    if (value !== undefined) return value;
  }
  return undefined;
}

const asCode = (v: unknown) =>
  typeof v === "number" && Number.isInteger(v)
    ? v
    : typeof v === "string" && /^\d{1,6}$/.test(v)
      ? Number(v)
      : undefined;
const asText = (v: unknown) => (typeof v === "string" && v !== "" ? v : undefined);
/** A message name such as `INVALID_PAGE_NUMBER`, as opposed to a sentence. */
const NAME = /^[A-Z][A-Z0-9_]{2,63}$/;

/**
 * The documented error fields of an error body, under whichever of the known names they come:
 * the sandbox's `{errorCode, errorMessage, errorDetails}`, Engati's `{code, description}`, and
 * the same one level down under `error` or `status`.
 *
 * @example
 * ```ts
 * toErrorBody({ code: 1004, description: "Please enter the correct page number." });
 * ```
 */
export function toErrorBody(body: unknown, depth = 0): Partial<ErrorBody> {
  if (!isObject(body))
    return typeof body === "string" && body !== "" ? { errorDetails: body.slice(0, 500) } : {};
  const errorCode = first(body, CODE_KEYS, asCode) as number | undefined;
  let errorMessage = first(body, NAME_KEYS, asText) as string | undefined;
  let errorDetails = first(body, DETAIL_KEYS, asText) as string | undefined;
  if (errorMessage !== undefined && !NAME.test(errorMessage)) {
    // A sentence under `message` is the details, not the name (and only the details are
    // redacted and clipped on their way into an error).
    errorDetails ??= errorMessage;
    errorMessage = undefined;
  }
  const found = { errorCode, errorMessage, errorDetails } as Partial<ErrorBody>;
  if (depth === 0 && errorCode === undefined && errorMessage === undefined) {
    for (const key of ["error", "status"]) {
      if (isObject(body[key])) {
        const nested = toErrorBody(body[key], 1);
        if (nested.errorCode !== undefined || nested.errorMessage !== undefined)
          return { ...nested, errorDetails: nested.errorDetails ?? errorDetails };
      }
    }
  }
  return found;
}

/**
 * The public shapes of the client. They come from the generated schema types
 * (`generated/openapi.d.ts`, from contracts/openapi/mybot.yaml) so the spec stays the source.
 *
 * @module
 */
import type { Middleware } from "openapi-fetch";
import type { components } from "./generated/openapi.d.ts";
import type { MyBotHooks } from "./hooks.ts";
import type { MyBotLogger, MyBotLogLevel } from "./logging.ts";
import type { MyBotInstrumentation } from "./observer.ts";

/** A user matching an attribute (spec `User`). Unknown fields are kept. */
export type MyBotUser = components["schemas"]["User"];
/** The error body every error status carries (spec `ErrorBody`). */
export type ErrorBody = components["schemas"]["ErrorBody"];
/** One message as the vendor sends it (spec `VendorMessage`). */
export type VendorMessage = components["schemas"]["VendorMessage"];

/**
 * Who sent a message. The vendor marks the bot's messages `bot`; `user` and `agent` (a live
 * agent) are normalised from their common spellings; any other value is passed through as sent.
 */
export type Sender = "user" | "bot" | "agent" | (string & {});

/** A file attached to a message (spec `VendorMessage.file`). */
export interface ChatFile {
  url: string;
  /** The file name, from the vendor's placeholder text or the URL. */
  name: string;
  mimeType?: string | undefined;
  uploadType?: string | undefined;
}

/**
 * One message of a chat history, the same whichever shape the server sends
 * (contracts/openapi/mybot.yaml `VendorMessage`; the mapping is in `mapping.ts`).
 */
export interface ChatMessage {
  /**
   * The vendor's id when it sends one; otherwise a stable fingerprint of the message's content
   * and instant (`fp-` and 16 hex digits): the same message has the same id across calls, pages
   * and processes. Identical messages at the same instant on one page are numbered: the second
   * is `fp-…-2`, the third `fp-…-3` (so a reader deduplicating across page breaks counts copies
   * of the bare fingerprint, as the metrics exporter does).
   */
  id: string;
  /** UTC epoch milliseconds, read offset-aware from the vendor's `2026-08-01 20:51:14.250+0530`. */
  timestamp: number;
  sender: Sender;
  /** The vendor's `message_type` (`TEXT`, `OPTIONS`, `AGENT_PARTICIPATION_STATUS`, `FILE_RECEIVED`, …); `TEXT` when absent. */
  type: string;
  /**
   * Readable text: `response` (or `text`); for an agent joining, the sentence without its HTML;
   * for an uploaded file, the file name.
   */
  text: string;
  /** The choices of an `OPTIONS` message, such as `["⭐", "⭐⭐"]`. */
  options?: string[] | undefined;
  /** The file of a `FILE_RECEIVED` (or any) message that carries one. */
  file?: ChatFile | undefined;
  /** The message exactly as the vendor sent it, so that no field is lost. */
  raw: Record<string, unknown>;
}

/** The order a server returns history pages in. */
export type HistoryOrder = "oldest-first" | "newest-first";

/** Paging facts of a history page: the server's metadata when it sends some, else what the request implies. */
export interface Pagination {
  pageNumber: number;
  pageSize: number;
  /** Only when the server sent page metadata. */
  totalMessages?: number | undefined;
  totalPages?: number | undefined;
  /** From the server's metadata, else a guess: a full page may have a next one. */
  hasNextPage: boolean;
  /** True when the server sent page metadata. */
  fromServer: boolean;
}

/** One page of a user's chat history, exactly as the server paged and ordered it. */
export interface ChatHistoryPage {
  channelUserId: string;
  /** In the server's order; see {@link ChatHistoryPage.order}. */
  messages: ChatMessage[];
  pagination: Pagination;
  /** The order this page's timestamps show; undefined when they cannot tell (one message, or all equal). */
  order: HistoryOrder | undefined;
  /** The list key the server used: `conversations` (observed) or `messages`. */
  listKey: "conversations" | "messages";
  /** The body as the server sent it, for diagnosis (`mybot doctor`). */
  body: Record<string, unknown>;
}

/** Where a chronological walk stands, to resume it later: plain JSON, safe to store. */
export interface HistoryResume {
  /** The window's start (epoch ms), or null for all records: a resume must read the same window. */
  startDate: number | null;
  /** The pinned end of the window (epoch ms), so that new messages cannot shift the pages. */
  endDate: number;
  order: HistoryOrder;
  /** The server page to read next. */
  page: number;
  pageSize: number;
}

/** A part of a chronological walk: one server page, its messages oldest first. */
export interface ChatHistoryChunk {
  /** Oldest first, whatever the server's order. */
  messages: ChatMessage[];
  /** The server page these came from. */
  pageNumber: number;
  /** Where to resume after this chunk; null when the walk is complete. */
  next: HistoryResume | null;
}

/** The newest messages of a window, one "page" of `count` at a time, counted from the newest. */
export interface LatestMessages {
  /** Oldest first within the page. */
  messages: ChatMessage[];
  /** 1 for the newest `count` messages, 2 for the ones before them, … */
  page: number;
  count: number;
  /** The window's pinned end (epoch ms): pass it back as `endDate` to page older in the same window. */
  endDate: number;
  /** True when older messages than these exist in the window. */
  hasOlder: boolean;
  /** Messages in the window, when the server said or the client worked it out. */
  totalMessages?: number | undefined;
  /** Requests this call made, for the curious and the benchmarks. */
  requests: number;
}

/** A date as a `Date` or UTC epoch milliseconds. */
export type DateInput = Date | number;

/** Options of `getMatchingUsers`. */
export interface GetMatchingUsersOptions {
  /** The user attribute to match, such as `email`. Required, not blank. */
  attributeName: string;
  /** The value it must have. Required, not blank. */
  attributeValue: string;
  /**
   * Aborts the call, during requests and back-off sleeps.
   * @default undefined (the call runs until it ends or `totalTimeoutMs` runs out)
   */
  signal?: AbortSignal;
}

/** Options of `getChatHistory`. */
export interface GetChatHistoryOptions {
  /**
   * Inclusive lower bound.
   * @default undefined (all records)
   */
  startDate?: DateInput;
  /**
   * Exclusive upper bound; before `startDate` is refused.
   * @default undefined (the server uses now)
   */
  endDate?: DateInput;
  /**
   * A positive integer.
   * @default 1
   */
  pageNumber?: number;
  /**
   * 1 to 1000 (the spec's maximum). Not sent when absent, so the server's default applies.
   * @default the server's (500 in the spec)
   */
  pageSize?: number;
  /**
   * Aborts the call, during requests and back-off sleeps.
   * @default undefined
   */
  signal?: AbortSignal;
}

/** Options of `iterateChatHistory`. */
export interface IterateChatHistoryOptions {
  /**
   * Inclusive lower bound.
   * @default undefined (all records)
   */
  startDate?: DateInput;
  /**
   * Exclusive upper bound, pinned for the whole walk.
   * @default now, when the walk starts
   */
  endDate?: DateInput;
  /**
   * Messages per server page, 1 to 1000.
   * @default 500
   */
  pageSize?: number;
  /**
   * Continue a walk where a chunk's `next` left it (same start date and page size).
   * @default undefined (from the oldest message)
   */
  resume?: HistoryResume | undefined;
  /**
   * Stop after this many chunks.
   * @default undefined (read to the end, up to `maxHistoryPages`)
   */
  maxPages?: number;
  /**
   * At most this many pages requested ahead of the one handed over, 0 to 16, so that they travel
   * while the caller works on the current one. Only pages the walk will read are asked for (a
   * full page's next, or pages known to exist; never past `maxPages`): read to its end, a walk at
   * 1 makes the same requests as at 0. Stopping early (break, abort) aborts what was asked ahead.
   * @default 0
   */
  prefetch?: number;
  /**
   * Aborts the walk, and the requests made ahead.
   * @default undefined
   */
  signal?: AbortSignal;
}

/** Options of `getLatestMessages`. */
export interface GetLatestMessagesOptions {
  /**
   * Messages per page, 1 to 1000.
   * @default 20
   */
  count?: number;
  /**
   * 1 for the newest `count`, 2 for the ones before them, … (at most `maxHistoryPages`).
   * @default 1
   */
  page?: number;
  /**
   * The window's start, inclusive.
   * @default undefined (all records)
   */
  startDate?: DateInput;
  /**
   * The window's end. Pass back a result's `endDate` to page older in the same window.
   * @default now
   */
  endDate?: DateInput;
  /**
   * Aborts the call, during requests and back-off sleeps.
   * @default undefined
   */
  signal?: AbortSignal;
}

/** Options of `createMyBotClient`. */
export interface MyBotClientOptions {
  /** Required. An absolute http(s) URL without user, password, query or fragment, such as `https://api.engati.com`. */
  baseUrl: string;
  /** Required. Sent as `Authorization: Basic <apiKey>`, as issued (not base64). */
  apiKey: string;
  /** Required. */
  customerId: string;
  /** Required. */
  botKey: string;
  /**
   * A fetch implementation, called as `fetch(url, init)`, or `fetch(request)` when `middleware`
   * is set.
   * @default globalThis.fetch
   */
  fetch?: typeof fetch;
  /**
   * Per attempt, in milliseconds.
   * @default 30000
   */
  timeoutMs?: number;
  /**
   * Across all attempts and back-off sleeps, in milliseconds.
   * @default 120000
   */
  totalTimeoutMs?: number;
  /**
   * Retries after the first attempt (of 408, 429, 5xx, connection failures and timeouts).
   * @default 2
   */
  maxRetries?: number;
  /**
   * First back-off delay, in milliseconds; doubled per retry, with up to 25 % jitter.
   * @default 500
   */
  initialRetryDelayMs?: number;
  /**
   * Longest back-off delay, in milliseconds.
   * @default 8000
   */
  maxRetryDelayMs?: number;
  /**
   * Cap on the server's `Retry-After`, in milliseconds.
   * @default 60000
   */
  maxRetryAfterMs?: number;
  /**
   * The `User-Agent` header.
   * @default `mybot-core/<version>`
   */
  userAgent?: string;
  /**
   * Where log lines go: `console`, a pino logger, or any object with `error`/`warn`/`info`/`debug`.
   * @default console
   */
  logger?: MyBotLogger;
  /**
   * `off`, `error` (a hook that threw), `warn` (retries), `info` (each operation's end) or
   * `debug` (each attempt, with redacted headers).
   * @default the `MYBOT_LOG` environment variable, else `"warn"`
   */
  logLevel?: MyBotLogLevel;
  /**
   * Functions called before each attempt, after each answer, per retry and on failure.
   * @default {} (none)
   */
  hooks?: MyBotHooks;
  /**
   * Spans per operation and attempt: `openTelemetry()` from `@mybot/core/opentelemetry`.
   * @default undefined (no tracing)
   */
  tracing?: MyBotInstrumentation;
  /**
   * openapi-fetch middleware (`onRequest`, `onResponse`, `onError`), run on every attempt with
   * real `Request` and `Response` objects.
   * @default []
   */
  middleware?: Middleware[];
  /**
   * Check dates, page numbers and page sizes before sending. Off, the server
   * judges them: for a server whose limits differ from the documented ones, and for contract
   * tests of the server's own 400s. Ids are always checked, since a bad one breaks the URL.
   * @default true
   */
  validateInput?: boolean;
  /**
   * The server's history order, when known. `"auto"` reads it from the timestamps (and
   * remembers it), so every walk is chronological whichever order the server uses.
   * @default "auto"
   */
  historyOrder?: "auto" | HistoryOrder;
  /**
   * The most pages a history walk (`iterateChatHistory`, `getLatestMessages`) reads or probes:
   * no page past it is asked for. A history with more pages than this (or a server that claims
   * so forever) ends the walk with a `MyBotInvalidResponseError`: a forward walk (oldest-first
   * server) yields every page up to the cap first, a backward one finds it before yielding
   * anything. So does a server that answers a page with the same messages as another page (one
   * that ignores `page_number`). Raise it to read longer histories in small pages; a `resume`
   * token past it is refused.
   * @default 10000
   */
  maxHistoryPages?: number;
}

/**
 * `createMyBotClient`: the two endpoints of the MyBOT API (vendor page sections 3.1 and 3.2;
 * contracts/openapi/mybot.yaml operations `getMatchingUsers` and `getChatHistory`) on top of
 * openapi-fetch, with input checks, retries, timeouts and typed errors.
 *
 * @module
 */
import createClient from "openapi-fetch";
import { createMyBotError } from "./errors.ts";
import type { paths } from "./generated/openapi.d.ts";
import {
  type ChatHistoryIterable,
  createHistoryIterable,
  type HistorySource,
  readLatest,
} from "./history-walk.ts";
import { hooksInstrumentation } from "./hooks.ts";
import { createLevelledLogger, LOG_LEVELS, loggingInstrumentation } from "./logging.ts";
import { toChatHistoryPage, toUsers } from "./mapping.ts";
import {
  combineInstrumentations,
  type MyBotInstrumentation,
  type OperationInfo,
  observedFetch,
} from "./observer.ts";
import { PlainRequest, plainFetch } from "./plain-request.ts";
import { redactSecrets } from "./redact.ts";
import { type RequestPolicy, runWithRetries, type WatchedAttempt } from "./request.ts";
import type {
  ChatHistoryPage,
  DateInput,
  GetChatHistoryOptions,
  GetLatestMessagesOptions,
  GetMatchingUsersOptions,
  HistoryOrder,
  HistoryResume,
  IterateChatHistoryOptions,
  LatestMessages,
  MyBotClientOptions,
  MyBotUser,
} from "./types.ts";
import {
  checkDateRange,
  checkId,
  checkNonEmpty,
  checkPageNumber,
  checkPageSize,
  invalidParameter,
  toEpochMs,
} from "./validate.ts";
import { checkPrefetch } from "./validate-prefetch.ts";
import { checkApiKey, checkBaseUrl, checkMaxHistoryPages } from "./validate-settings.ts";
import { VERSION } from "./version.ts";

const USERS_PATH = "/bot-api/v1.0/customer/{customerId}/bot/{botKey}/users";
const HISTORY_PATH =
  "/bot-api/v1.0/customer/{customerId}/bot/{botKey}/channel-user/{channelUserId}/conversations";

/** The server's default `page_size` (vendor page section 3.2). */
export const DEFAULT_PAGE_SIZE = 500;

/** A client bound to one customer and bot. */
export interface MyBotClient {
  /** The users whose attribute matches (vendor section 3.1). */
  getMatchingUsers(options: GetMatchingUsersOptions): Promise<MyBotUser[]>;
  /** One page of a user's chat history, as the server paged and ordered it (vendor section 3.2). */
  getChatHistory(channelUserId: string, options?: GetChatHistoryOptions): Promise<ChatHistoryPage>;
  /**
   * Every message of a user's history, oldest first whatever the server's order, fetched page by
   * page in a window whose end is pinned at the call.
   */
  iterateChatHistory(
    channelUserId: string,
    options?: IterateChatHistoryOptions,
  ): ChatHistoryIterable;
  /** The newest `count` messages (oldest first within them), and older ones page by page. */
  getLatestMessages(
    channelUserId: string,
    options?: GetLatestMessagesOptions,
  ): Promise<LatestMessages>;
}

/**
 * The query of both operations: scalars only (spec parameters `attribute_name`, `start_date`,
 * …), so one function serves, built once instead of openapi-fetch's per call.
 */
function querySerializer(query: Record<string, unknown>): string {
  let out = "";
  for (const name in query) {
    const value = query[name];
    if (value === undefined || value === null) continue;
    out += `${out ? "&" : ""}${name}=${encodeURIComponent(String(value))}`;
  }
  return out;
}

const ORDERS: readonly HistoryOrder[] = ["oldest-first", "newest-first"];

/**
 * Returns the resume token when it is a chunk's `next` of a walk of the same window, within the
 * cap: a token past it comes from a walk with a higher cap, and the server is not to blame.
 */
function checkResume(
  resume: HistoryResume,
  window: { startDate: number | null; endDate: number | undefined; pageSize: number | undefined },
  cap: number,
): HistoryResume {
  const ok =
    typeof resume === "object" &&
    resume !== null &&
    Number.isSafeInteger(resume.endDate) &&
    (resume.startDate === null || Number.isSafeInteger(resume.startDate)) &&
    ORDERS.includes(resume.order) &&
    Number.isSafeInteger(resume.page) &&
    resume.page >= 1 &&
    Number.isSafeInteger(resume.pageSize) &&
    resume.pageSize >= 1;
  const same =
    ok &&
    resume.startDate === window.startDate &&
    (window.endDate === undefined || window.endDate === resume.endDate) &&
    (window.pageSize === undefined || window.pageSize === resume.pageSize);
  if (!same) {
    throw createMyBotError({
      kind: "invalid_input",
      message:
        "resume must be the `next` of a chunk of the same walk (same startDate, endDate and page size): { startDate, endDate, order, page, pageSize }",
    });
  }
  // A forward walk's last `next` may be the page just past the cap, asked for to see it empty;
  // a backward walk's count down from at most the cap.
  const most = resume.order === "oldest-first" ? cap + 1 : cap;
  if (resume.page > most) {
    invalidParameter(
      `resume.page must be at most ${most} (maxHistoryPages ${cap}): the token comes from a walk with a higher maxHistoryPages`,
    );
  }
  return resume;
}

/**
 * Creates a client. Nothing is sent until a method is called.
 *
 * @example
 * ```ts
 * import { createMyBotClient } from "@mybot/core";
 *
 * const client = createMyBotClient({
 *   baseUrl: "https://api.engati.com",
 *   apiKey: process.env.MYBOT_API_KEY!,
 *   customerId: "10294",
 *   botKey: "1a1c9bfa5e0f41ed",
 * });
 * const users = await client.getMatchingUsers({ attributeName: "plan", attributeValue: "gold" });
 * for await (const message of client.iterateChatHistory(users[0].channelUserId)) {
 *   console.log(new Date(message.timestamp), message.sender, message.text); // oldest first
 * }
 * const { messages } = await client.getLatestMessages(users[0].channelUserId, { count: 20 });
 * ```
 */
export function createMyBotClient(options: MyBotClientOptions): MyBotClient {
  const customerId = checkId("customerId", options.customerId);
  const botKey = checkId("botKey", options.botKey);
  const apiKey = checkApiKey(options.apiKey);
  const baseUrl = checkBaseUrl(options.baseUrl);
  if (options.logLevel !== undefined && !LOG_LEVELS.includes(options.logLevel)) {
    throw createMyBotError({
      kind: "invalid_input",
      message: `logLevel must be one of ${LOG_LEVELS.join(", ")}`,
    });
  }
  // The key as sent, and as a URL or a form would carry it.
  const secrets = [...new Set([apiKey, encodeURIComponent(apiKey)])];
  const log = createLevelledLogger(options.logLevel, options.logger);
  const instrumentations = [
    options.hooks && hooksInstrumentation(options.hooks, log, secrets),
    loggingInstrumentation(log, secrets),
    options.tracing,
  ].filter((i): i is MyBotInstrumentation => i !== undefined);
  const policy: RequestPolicy = {
    timeoutMs: options.timeoutMs ?? 30_000,
    totalTimeoutMs: options.totalTimeoutMs ?? 120_000,
    maxRetries: options.maxRetries ?? 2,
    initialRetryDelayMs: options.initialRetryDelayMs ?? 500,
    maxRetryDelayMs: options.maxRetryDelayMs ?? 8_000,
    maxRetryAfterMs: options.maxRetryAfterMs ?? 60_000,
    secrets,
    instrumentation: combineInstrumentations(instrumentations, (step, error) =>
      log.error(
        `mybot: an instrumentation threw at "${step}": ${redactSecrets(error instanceof Error ? error.message : String(error), secrets)}`,
      ),
    ),
  };
  const strict = options.validateInput ?? true;
  const maxHistoryPages = checkMaxHistoryPages(options.maxHistoryPages);
  // Resolved per call, so that a fetch patched after creation (tests, tracing) is used.
  const currentFetch = () => options.fetch ?? globalThis.fetch;
  const middleware = options.middleware ?? [];
  // openapi-fetch's middleware reads and replaces real `Request`s; without any, the plain
  // stand-in spares a Request construction per call (see plain-request.ts and bench/).
  const send: (request: Request) => Promise<Response> =
    middleware.length > 0 ? (request) => currentFetch()(request) : plainFetch(currentFetch);
  const headers = {
    Authorization: `Basic ${apiKey}`,
    Accept: "application/json",
    "User-Agent": options.userAgent ?? `mybot-core/${VERSION}`,
  };
  const root = baseUrl.href.replace(/\/+$/, "");
  const api = createClient<paths>({
    baseUrl: root,
    ...(middleware.length > 0 ? {} : { Request: PlainRequest as unknown as typeof Request }),
    fetch: send,
    querySerializer,
    headers,
  });
  api.use(...middleware);
  const operation = (name: OperationInfo["operation"], route: string): OperationInfo => ({
    operation: name,
    method: "GET",
    route,
    baseUrl,
  });
  const USERS = operation("getMatchingUsers", USERS_PATH);
  const HISTORY = operation("getChatHistory", HISTORY_PATH);
  /** The fetch of a watched attempt; undefined leaves openapi-fetch's own. */
  const fetchFor = (watched: WatchedAttempt | undefined) =>
    watched && observedFetch(send, watched.observer, watched.attempt);
  let rememberedOrder: HistoryOrder | undefined =
    options.historyOrder === "auto" ? undefined : options.historyOrder;
  const fixedOrder = rememberedOrder !== undefined;
  const sourceFor = (
    channelUserId: string,
    window: {
      startDate?: DateInput | undefined;
      endDate: number;
      signal?: AbortSignal | undefined;
    },
  ): HistorySource => ({
    page: (pageNumber, pageSize, signal = window.signal) =>
      getChatHistory(channelUserId, { ...window, pageNumber, pageSize, signal }),
    knownOrder: () => rememberedOrder,
    remember(order) {
      // The order is the server's, not the user's: one detection serves every later walk.
      if (!fixedOrder) rememberedOrder = order;
    },
  });
  /** The window's end, pinned: the caller's, or now (after the start, so the window is valid). */
  const pinnedEnd = (startDate: DateInput | undefined, endDate: DateInput | undefined) => {
    const end = toEpochMs("endDate", endDate, strict);
    if (end !== undefined) return end;
    const start = toEpochMs("startDate", startDate, strict) ?? 0;
    return Math.max(Date.now(), start + 1);
  };

  async function getChatHistory(channelUserId: string, opts: GetChatHistoryOptions = {}) {
    const id = checkId("channelUserId", channelUserId);
    const start = toEpochMs("startDate", opts.startDate, strict);
    const end = toEpochMs("endDate", opts.endDate, strict);
    const pageNumber = strict ? checkPageNumber("pageNumber", opts.pageNumber) : opts.pageNumber;
    const pageSize = strict ? checkPageSize(opts.pageSize) : opts.pageSize;
    if (strict) checkDateRange(start, end);
    return runWithRetries(
      HISTORY,
      policy,
      (signal, watched) => {
        const query = {
          start_date: start,
          end_date: end,
          page_number: pageNumber,
          page_size: pageSize,
        };
        return api.GET(HISTORY_PATH, {
          params: { path: { customerId, botKey, channelUserId: id }, query },
          signal,
          fetch: fetchFor(watched),
        });
      },
      opts.signal,
      (data) =>
        toChatHistoryPage(data, {
          channelUserId: id,
          pageNumber: pageNumber ?? 1,
          pageSize: pageSize ?? DEFAULT_PAGE_SIZE,
          secrets: policy.secrets,
        }),
    );
  }

  return {
    async getMatchingUsers(opts) {
      const attributeName = checkNonEmpty("attributeName", opts?.attributeName);
      const attributeValue = checkNonEmpty("attributeValue", opts?.attributeValue);
      return runWithRetries(
        USERS,
        policy,
        (signal, watched) => {
          const query = { attribute_name: attributeName, attribute_value: attributeValue };
          return api.GET(USERS_PATH, {
            params: { path: { customerId, botKey }, query },
            signal,
            fetch: fetchFor(watched),
          });
        },
        opts.signal,
        toUsers,
      );
    },

    getChatHistory,

    iterateChatHistory(channelUserId, opts = {}) {
      // Checked now, so that a mistake surfaces at the call, not at the first `next()`.
      checkId("channelUserId", channelUserId);
      if (opts.maxPages !== undefined) checkPageNumber("maxPages", opts.maxPages);
      const prefetch = checkPrefetch(opts.prefetch);
      if (strict) {
        checkDateRange(toEpochMs("startDate", opts.startDate), toEpochMs("endDate", opts.endDate));
        checkPageSize(opts.pageSize);
      }
      const startDate = toEpochMs("startDate", opts.startDate, strict) ?? null;
      const resume =
        opts.resume &&
        checkResume(
          opts.resume,
          {
            startDate,
            endDate: toEpochMs("endDate", opts.endDate, strict),
            pageSize: opts.pageSize,
          },
          maxHistoryPages,
        );
      const endDate = resume?.endDate ?? pinnedEnd(opts.startDate, opts.endDate);
      return createHistoryIterable(
        sourceFor(channelUserId, { startDate: opts.startDate, endDate, signal: opts.signal }),
        {
          pageSize: resume?.pageSize ?? opts.pageSize ?? DEFAULT_PAGE_SIZE,
          startDate,
          endDate,
          resume,
          maxPages: opts.maxPages,
          maxHistoryPages,
          prefetch,
          signal: opts.signal,
        },
      );
    },

    async getLatestMessages(channelUserId, opts = {}) {
      checkId("channelUserId", channelUserId);
      const count = opts.count ?? 20;
      const page = opts.page ?? 1;
      checkPageSize(count);
      checkPageNumber("page", page);
      if (page > maxHistoryPages)
        invalidParameter(`page must be at most ${maxHistoryPages} (maxHistoryPages)`);
      if (strict)
        checkDateRange(toEpochMs("startDate", opts.startDate), toEpochMs("endDate", opts.endDate));
      const endDate = pinnedEnd(opts.startDate, opts.endDate);
      return readLatest(
        sourceFor(channelUserId, { startDate: opts.startDate, endDate, signal: opts.signal }),
        { count, page, endDate, maxHistoryPages },
      );
    },
  };
}

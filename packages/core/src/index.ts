/**
 * @mybot/core: a typed client for the MyBOT API.
 *
 * @example
 * ```ts
 * import { createMyBotClient, isMyBotApiError } from "@mybot/core";
 * ```
 *
 * @module
 */
export { createMyBotClient, DEFAULT_PAGE_SIZE, type MyBotClient } from "./client.ts";
export {
  createMyBotError,
  isMyBotApiError,
  MyBotAbortError,
  MyBotApiError,
  type MyBotApiErrorInit,
  MyBotAuthError,
  MyBotBadRequestError,
  MyBotConnectionError,
  type MyBotErrorKind,
  MyBotInvalidResponseError,
  MyBotNotFoundError,
  MyBotRateLimitError,
  MyBotServerError,
  MyBotTimeoutError,
} from "./errors.ts";
export type { components, operations, paths } from "./generated/openapi.d.ts";
export type { ChatHistoryIterable } from "./history-walk.ts";
export type {
  MyBotErrorEvent,
  MyBotHooks,
  MyBotOperation,
  MyBotRequestEvent,
  MyBotResponseEvent,
  MyBotRetryEvent,
} from "./hooks.ts";
export type { MyBotLogger, MyBotLogLevel } from "./logging.ts";
export type {
  MyBotInstrumentation,
  OperationInfo,
  OperationObserver,
} from "./observer.ts";
export type { RateLimitFacts } from "./rate-limit.ts";
export { REDACTED, redactHeaders, redactSecrets } from "./redact.ts";
export { parseRetryAfter } from "./retry.ts";
export type {
  ChatFile,
  ChatHistoryChunk,
  ChatHistoryPage,
  ChatMessage,
  DateInput,
  ErrorBody,
  GetChatHistoryOptions,
  GetLatestMessagesOptions,
  GetMatchingUsersOptions,
  HistoryOrder,
  HistoryResume,
  IterateChatHistoryOptions,
  LatestMessages,
  MyBotClientOptions,
  MyBotUser,
  Pagination,
  Sender,
  VendorMessage,
} from "./types.ts";
export {
  INVALID_BOT_OR_CUSTOMER_ID,
  INVALID_INPUT_DATE_VALUE,
  INVALID_PAGE_NUMBER,
  INVALID_REQUEST_PARAMETER,
  MAX_PAGE_SIZE,
} from "./validate.ts";
export { parseVendorTimestamp } from "./vendor-time.ts";
export { VERSION } from "./version.ts";

/**
 * @mybot/core: a typed client for the MyBOT API. The whole public surface: the client, its
 * option and result types, the error classes and `VERSION`. Everything else is internal.
 *
 * @example
 * ```ts
 * import { createMyBotClient, isMyBotApiError } from "@mybot/core";
 * ```
 *
 * @module
 */
export { createMyBotClient, type MyBotClient } from "./client.ts";
export {
  isMyBotApiError,
  MyBotAbortError,
  MyBotApiError,
  type MyBotApiErrorInit,
  MyBotAuthError,
  MyBotBadRequestError,
  MyBotConnectionError,
  MyBotInvalidResponseError,
  MyBotNotFoundError,
  MyBotRateLimitError,
  MyBotServerError,
  MyBotTimeoutError,
} from "./errors.ts";
export type { ChatHistoryIterable } from "./history-walk.ts";
export type {
  MyBotErrorEvent,
  MyBotHooks,
  MyBotRequestEvent,
  MyBotResponseEvent,
  MyBotRetryEvent,
} from "./hooks.ts";
export type { MyBotLogger, MyBotLogLevel } from "./logging.ts";
export type { MyBotInstrumentation } from "./observer.ts";
export type { RateLimitFacts } from "./rate-limit.ts";
export type {
  ChatFile,
  ChatHistoryChunk,
  ChatHistoryPage,
  ChatMessage,
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
} from "./types.ts";
export { VERSION } from "./version.ts";

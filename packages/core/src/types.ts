/**
 * The public shapes of the client. They come from the generated schema types
 * (`generated/openapi.d.ts`, from contracts/openapi/mybot.yaml) so the spec stays the source.
 *
 * @module
 */
import type { components } from "./generated/openapi.d.ts";

/** A user matching an attribute (spec `User`). Unknown fields are kept. */
export type MyBotUser = components["schemas"]["User"];
/** One message of a chat history (spec `Message`). */
export type ChatMessage = components["schemas"]["Message"];
/** Paging metadata of a history page (spec `Pagination`). */
export type Pagination = components["schemas"]["Pagination"];
/** The error body every error status carries (spec `ErrorBody`). */
export type ErrorBody = components["schemas"]["ErrorBody"];

/** One page of a user's chat history. */
export interface ChatHistoryPage {
  channelUserId: string;
  messages: ChatMessage[];
  pagination: Pagination;
}

/** A date as a `Date` or UTC epoch milliseconds. */
export type DateInput = Date | number;

/** Options of `getMatchingUsers`. */
export interface GetMatchingUsersOptions {
  attributeName: string;
  attributeValue: string;
  signal?: AbortSignal;
}

/** Options of `getChatHistory`. */
export interface GetChatHistoryOptions {
  /** Inclusive lower bound. */
  startDate?: DateInput;
  /** Exclusive upper bound; the server uses "now" when absent. */
  endDate?: DateInput;
  /** From 1. */
  pageNumber?: number;
  /** 1 to 1000; the server's default is 500. */
  pageSize?: number;
  signal?: AbortSignal;
}

/** Options of `iterateChatHistory`. */
export interface IterateChatHistoryOptions {
  startDate?: DateInput;
  endDate?: DateInput;
  pageSize?: number;
  /** The page to start from, to resume an interrupted iteration. Default 1. */
  fromPage?: number;
  /** Stop after this many pages. */
  maxPages?: number;
  signal?: AbortSignal;
}

/** A minimal logger; `console` fits. */
export interface MyBotLogger {
  debug?(message: string, fields?: Record<string, unknown>): void;
  warn?(message: string, fields?: Record<string, unknown>): void;
}

/** Options of `createMyBotClient`. */
export interface MyBotClientOptions {
  /** Such as `https://api.engati.com`. */
  baseUrl: string;
  /** Sent as `Authorization: Basic <apiKey>`, as issued. */
  apiKey: string;
  customerId: string;
  botKey: string;
  /** A fetch implementation; defaults to the global one. */
  fetch?: typeof fetch;
  /** Per attempt. Default 30 000. */
  timeoutMs?: number;
  /** Across all attempts and back-off sleeps. Default 120 000. */
  totalTimeoutMs?: number;
  /** Retries after the first attempt. Default 2. */
  maxRetries?: number;
  /** First back-off delay. Default 500. */
  initialRetryDelayMs?: number;
  /** Longest back-off delay, and the cap on `Retry-After`. Default 8 000 and 60 000. */
  maxRetryDelayMs?: number;
  maxRetryAfterMs?: number;
  userAgent?: string;
  logger?: MyBotLogger;
  /**
   * Check dates, page numbers and page sizes before sending (default true). Off, the server
   * judges them: for a server whose limits differ from the documented ones, and for contract
   * tests of the server's own 400s. Ids are always checked, since a bad one breaks the URL.
   */
  validateInput?: boolean;
}

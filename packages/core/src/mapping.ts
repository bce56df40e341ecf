/**
 * The one place that turns response bodies into the client's types. The vendor does not
 * publish its bodies (contracts/openapi/mybot.yaml marks them `x-mybot-assumption`), so this
 * file is lenient: unknown fields pass through, missing optional ones get defaults, and only
 * a body with no usable list is rejected.
 *
 * @module
 */
import { createMyBotError } from "./errors.ts";
import type { ChatHistoryPage, ChatMessage, ErrorBody, MyBotUser, Pagination } from "./types.ts";

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function invalidResponse(what: string): never {
  throw createMyBotError({
    kind: "invalid_response",
    message: `MyBOT sent an unexpected body: ${what}`,
  });
}

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

/** What the request asked for, to fill pagination the server left out. */
export interface PageRequest {
  channelUserId: string;
  pageNumber: number;
  pageSize: number;
}

/**
 * One history page of a `GET …/conversations` body (spec `ChatHistoryResponse`).
 *
 * @example
 * ```ts
 * toChatHistoryPage({ messages: [] }, { channelUserId: "1", pageNumber: 1, pageSize: 500 });
 * ```
 */
export function toChatHistoryPage(body: unknown, request: PageRequest): ChatHistoryPage {
  if (!isObject(body) || !Array.isArray(body.messages)) invalidResponse("no `messages` array");
  const messages = body.messages as ChatMessage[];
  const given = isObject(body.pagination) ? (body.pagination as Partial<Pagination>) : {};
  const pageSize = given.pageSize ?? request.pageSize;
  const pagination: Pagination = {
    ...given,
    pageNumber: given.pageNumber ?? request.pageNumber,
    pageSize,
    totalMessages: given.totalMessages ?? -1,
    totalPages: given.totalPages ?? -1,
    // Without metadata a full page is the only hint that another may follow.
    hasNextPage: given.hasNextPage ?? messages.length >= pageSize,
  };
  const channelUserId =
    typeof body.channelUserId === "string" ? body.channelUserId : request.channelUserId;
  return { ...body, channelUserId, messages, pagination } as ChatHistoryPage;
}

/** The documented error fields of an error body, whatever else it holds. */
export function toErrorBody(body: unknown): Partial<ErrorBody> {
  if (!isObject(body))
    return typeof body === "string" && body !== "" ? { errorDetails: body.slice(0, 500) } : {};
  return {
    errorCode: typeof body.errorCode === "number" ? body.errorCode : undefined,
    errorMessage: typeof body.errorMessage === "string" ? body.errorMessage : undefined,
    errorDetails: typeof body.errorDetails === "string" ? body.errorDetails : undefined,
  } as Partial<ErrorBody>;
}

/**
 * Errors of the MyBOT client: one base class with the vendor `code` and the HTTP `status`, and one
 * subclass per kind of failure (as the Stainless SDKs do); no parallel `kind` field.
 *
 * The vendor's error table (API page, sections 3.1 and 3.2) and the `ErrorBody` schema of
 * contracts/openapi/mybot.yaml define `code`, `errorName` and `details`.
 *
 * @module
 */
import type { RateLimitFacts } from "./rate-limit.ts";

/**
 * The client's internal name for each error class: the word its log lines and spans use
 * (`failed (timeout)`, `error.type`), and how its own code picks a class. Not on the errors:
 * callers tell them apart by class (`instanceof MyBotRateLimitError`) or by `name`.
 */
export type MyBotErrorKind =
  | "invalid_input"
  | "auth"
  | "not_found"
  | "rate_limited"
  | "server"
  | "connection"
  | "timeout"
  | "aborted"
  | "invalid_response"
  | "http";

/** What the constructor of every MyBOT error class takes. */
export interface MyBotApiErrorInit {
  message: string;
  /** HTTP status, when a response came back. */
  status?: number | undefined;
  /** The vendor's numeric code (1002, 1003, 1004), 1000 for other input errors, or the HTTP status. */
  code?: number | undefined;
  /** The vendor's message name, such as `INVALID_PAGE_NUMBER`. */
  errorName?: string | undefined;
  /** The vendor's details text. */
  details?: string | undefined;
  /** The `X-Request-Id` the server sent, for support tickets. */
  requestId?: string | undefined;
  /** `Retry-After` and rate-limit headers of the last answer, parsed, when it had any. */
  rateLimit?: RateLimitFacts | undefined;
  /** Requests made before giving up; 0 when the input was rejected before sending. */
  attempts?: number | undefined;
  /** The error body as the server sent it, for diagnosis; never in `message` or `toJSON()`. */
  body?: unknown;
  cause?: unknown;
}

// A registry symbol is the same in every copy of the package, so the brand survives the
// duplicate installs that defeat `instanceof`.
const BRAND = Symbol.for("@mybot/core.MyBotApiError");

/**
 * The base class of everything the client throws, and the class of an HTTP status no subclass
 * covers. It never holds the API key.
 *
 * @example
 * ```ts
 * try {
 *   await client.getChatHistory("919812345678", { pageNumber: 0 });
 * } catch (err) {
 *   if (err instanceof MyBotBadRequestError) console.error(err.message, err.code);
 *   else if (isMyBotApiError(err) && err.retryable) retryLater();
 * }
 * ```
 */
export class MyBotApiError extends Error {
  override name = "MyBotApiError";
  readonly status: number | undefined;
  readonly code: number | undefined;
  readonly errorName: string | undefined;
  readonly details: string | undefined;
  readonly requestId: string | undefined;
  readonly attempts: number;
  /**
   * What the last answer said of the rate limit (`Retry-After`, `RateLimit-*`, `X-RateLimit-*`),
   * parsed; undefined when it said nothing, as MyBOT's documentation promises nothing here.
   */
  readonly rateLimit: RateLimitFacts | undefined;
  readonly body: unknown;

  constructor(init: MyBotApiErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.status = init.status;
    this.code = init.code;
    this.errorName = init.errorName;
    this.details = init.details;
    this.requestId = init.requestId;
    this.attempts = init.attempts ?? 0;
    this.rateLimit = init.rateLimit;
    this.body = init.body;
  }

  /** True for errors that a later identical request may not hit: rate limit, 5xx, connection, timeout. */
  get retryable(): boolean {
    return RETRYABLE.includes(kindOf(this));
  }

  /** A plain object safe to log or send: no stack, no headers, no key. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      status: this.status,
      code: this.code,
      errorName: this.errorName,
      details: this.details,
      requestId: this.requestId,
      attempts: this.attempts,
      rateLimit: this.rateLimit,
    };
  }
}
// On the prototype, not the instance: invisible to JSON, spreads and `util.inspect`.
Object.defineProperty(MyBotApiError.prototype, BRAND, { value: true });

/** 400 (and 422), or input the client refused to send (`attempts: 0`, with the code the server would send). */
export class MyBotBadRequestError extends MyBotApiError {
  override name = "MyBotBadRequestError";
}
/** 401 and 403: the key is missing, unknown, revoked, or not for this customer or bot. */
export class MyBotAuthError extends MyBotApiError {
  override name = "MyBotAuthError";
}
/** 404. */
export class MyBotNotFoundError extends MyBotApiError {
  override name = "MyBotNotFoundError";
}
/** 429, after the retries ran out. */
export class MyBotRateLimitError extends MyBotApiError {
  override name = "MyBotRateLimitError";
}
/** 5xx, after the retries ran out. */
export class MyBotServerError extends MyBotApiError {
  override name = "MyBotServerError";
}
/** No response: DNS, refused or reset connection. */
export class MyBotConnectionError extends MyBotApiError {
  override name = "MyBotConnectionError";
}
/** 408 after the retries, or the per-attempt timeout or the total budget across retries ran out. */
export class MyBotTimeoutError extends MyBotApiError {
  override name = "MyBotTimeoutError";
}
/** The caller's `AbortSignal` fired. */
export class MyBotAbortError extends MyBotApiError {
  override name = "MyBotAbortError";
}
/** A 2xx whose body cannot be read, or a history walk on a server that misbehaves. */
export class MyBotInvalidResponseError extends MyBotApiError {
  override name = "MyBotInvalidResponseError";
}

const classByKind: Record<MyBotErrorKind, typeof MyBotApiError> = {
  invalid_input: MyBotBadRequestError,
  auth: MyBotAuthError,
  not_found: MyBotNotFoundError,
  rate_limited: MyBotRateLimitError,
  server: MyBotServerError,
  connection: MyBotConnectionError,
  timeout: MyBotTimeoutError,
  aborted: MyBotAbortError,
  invalid_response: MyBotInvalidResponseError,
  http: MyBotApiError,
};
const kinds = Object.entries(classByKind) as [MyBotErrorKind, typeof MyBotApiError][];
const RETRYABLE: readonly MyBotErrorKind[] = ["rate_limited", "server", "connection", "timeout"];

/**
 * Builds the class that matches `init.kind` (internal: callers construct the classes).
 *
 * @example
 * ```ts
 * const err = createMyBotError({ kind: "timeout", message: "MyBOT did not answer in 30000 ms" });
 * err instanceof MyBotTimeoutError; // true
 * ```
 */
export function createMyBotError(
  init: MyBotApiErrorInit & { kind: MyBotErrorKind },
): MyBotApiError {
  const { kind, ...rest } = init;
  return new classByKind[kind](rest);
}

/**
 * The kind of an error of this copy of the package, from its class; `http` for the base class
 * (and for a subclass of another copy, which `instanceof` cannot see).
 *
 * @example
 * ```ts
 * kindOf(new MyBotTimeoutError({ message: "slow" })); // "timeout"
 * ```
 */
export function kindOf(error: MyBotApiError): MyBotErrorKind {
  for (const [kind, cls] of kinds) if (cls !== MyBotApiError && error instanceof cls) return kind;
  return "http";
}

/** The kind an HTTP error status maps to. */
export function kindOfStatus(status: number): MyBotErrorKind {
  if (status === 400 || status === 422) return "invalid_input";
  if (status === 401 || status === 403) return "auth";
  if (status === 404) return "not_found";
  if (status === 408) return "timeout";
  if (status === 429) return "rate_limited";
  if (status >= 500) return "server";
  return "http";
}

/**
 * True when `value` is an error thrown by this client, even one from another copy of the
 * package (two versions installed side by side), where `instanceof` says false.
 *
 * @example
 * ```ts
 * if (isMyBotApiError(err) && err.status === 401) rotateKey();
 * ```
 */
export function isMyBotApiError(value: unknown): value is MyBotApiError {
  return (
    value instanceof MyBotApiError ||
    (value instanceof Error && (value as { [BRAND]?: unknown })[BRAND] === true)
  );
}

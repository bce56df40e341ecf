/**
 * What a caller can watch: one event before each attempt, one after each answer, one per retry
 * and one when an operation fails for good. The events describe the two operations of
 * contracts/openapi/mybot.yaml (`getMatchingUsers`, `getChatHistory`); headers are redacted, so
 * an event is safe to log as it is.
 *
 * @module
 */
import type { MyBotApiError } from "./errors.ts";
import type { LevelledLogger } from "./logging.ts";
import type { MyBotInstrumentation } from "./observer.ts";
import { type RateLimitFacts, readRateLimit } from "./rate-limit.ts";
import { redactHeaders, redactSecrets } from "./redact.ts";
import { requestIdOf } from "./request.ts";

/** The spec's operation ids. */
export type MyBotOperation = "getMatchingUsers" | "getChatHistory";

/** What every event tells: which request, and which attempt of it. */
export interface MyBotRequestEvent {
  operation: MyBotOperation;
  method: "GET";
  /** The path template, such as `/bot-api/v1.0/customer/{customerId}/bot/{botKey}/users`: no ids. */
  route: string;
  /**
   * The full URL. It holds the customer id, the bot key and, for the history, the channel user
   * id (often a phone number): mind where you send it.
   */
  url: string;
  /** 1 for the first attempt, 2 for the first retry, … */
  attempt: number;
  /** The request headers, with `Authorization` reduced to its scheme (`Basic [redacted]`). */
  headers: Record<string, string>;
}

/** An answer, whatever its status. */
export interface MyBotResponseEvent extends MyBotRequestEvent {
  status: number;
  /** From sending to the answer's headers, in milliseconds. */
  durationMs: number;
  /** The server's `X-Request-Id` (or `Request-Id`), for support tickets. */
  requestId: string | undefined;
  /** `Retry-After` and rate-limit headers, parsed; undefined when the answer had none. */
  rateLimit: RateLimitFacts | undefined;
}

/** An attempt failed and another is coming after `delayMs`. */
export interface MyBotRetryEvent extends MyBotRequestEvent {
  /** Undefined when no answer came (connection failure, per-attempt timeout). */
  status: number | undefined;
  durationMs: number;
  requestId: string | undefined;
  delayMs: number;
  /** Why the attempt failed, as it would have been thrown. */
  error: MyBotApiError;
}

/** The operation failed for good; `error` is what the call throws. */
export interface MyBotErrorEvent extends MyBotRequestEvent {
  status: number | undefined;
  /** Of the whole operation: every attempt and back-off sleep. */
  durationMs: number;
  requestId: string | undefined;
  error: MyBotApiError;
}

/**
 * Functions called as requests happen. They observe: what they return is ignored, and one that
 * throws (or rejects) is reported through the logger at `error` level, never to the request.
 *
 * @example
 * ```ts
 * const client = createMyBotClient({
 *   ...credentials,
 *   hooks: {
 *     onResponse: (e) => metrics.observe(e.operation, e.status, e.durationMs, e.rateLimit?.remaining),
 *     onRetry: (e) => console.warn(`${e.operation} retry in ${e.delayMs} ms: ${e.error.name}`),
 *   },
 * });
 * ```
 */
export interface MyBotHooks {
  /** Before each attempt is sent. */
  onRequest?(event: MyBotRequestEvent): unknown;
  /** After each attempt's answer arrives (its headers), before the body is read. */
  onResponse?(event: MyBotResponseEvent): unknown;
  /** When a failed attempt will be retried. */
  onRetry?(event: MyBotRetryEvent): unknown;
  /** When the operation fails for good, just before the error is thrown. */
  onError?(event: MyBotErrorEvent): unknown;
}

/**
 * The hooks as an instrumentation. A hook that throws or rejects is logged at `error` and
 * otherwise ignored: watching a request must not change its outcome.
 *
 * @example
 * ```ts
 * const instrumentation = hooksInstrumentation({ onRetry: (e) => retries.inc() }, log);
 * ```
 */
export function hooksInstrumentation(
  hooks: MyBotHooks,
  log: LevelledLogger,
  secrets: readonly string[],
): MyBotInstrumentation | undefined {
  const { onRequest, onResponse, onRetry, onError } = hooks;
  if (!onRequest && !onResponse && !onRetry && !onError) return undefined;
  const call = <E>(name: keyof MyBotHooks, hook: ((event: E) => unknown) | undefined, event: E) => {
    if (!hook) return;
    const failed = (error: unknown) =>
      log.error(
        `mybot: the ${name} hook threw: ${redactSecrets(error instanceof Error ? error.message : String(error), secrets)}`,
        {
          hook: name,
        },
      );
    try {
      const result = hook.call(hooks, event);
      if (result instanceof Promise) result.catch(failed);
    } catch (error) {
      failed(error);
    }
  };
  return {
    observe({ operation, method, route }) {
      // The latest attempt: retry and error events describe it.
      let url = "";
      let attempt = 0;
      let sentHeaders: Headers | undefined;
      let redacted: Record<string, string> | undefined;
      let status: number | undefined;
      let requestId: string | undefined;
      // Headers are redacted when first read: a hook that never looks at them pays nothing.
      const request = (): MyBotRequestEvent => ({
        operation,
        method,
        route,
        url,
        attempt,
        get headers() {
          redacted ??= sentHeaders ? redactHeaders(sentHeaders, secrets) : {};
          return redacted;
        },
      });
      // An attempt that never reached the fetch (a middleware answered or threw) was not `sent`:
      // its events must not describe the one before it.
      const at = (number: number) => {
        if (number === attempt) return;
        attempt = number;
        url = "";
        sentHeaders = undefined;
        redacted = undefined;
        status = undefined;
        requestId = undefined;
      };
      return {
        sent(number, sentUrl, headers) {
          at(number);
          url = sentUrl;
          sentHeaders = headers;
          call("onRequest", onRequest, request());
        },
        answered(_attempt, response, durationMs) {
          status = response.status;
          requestId = requestIdOf(response.headers, secrets);
          if (!onResponse) return;
          let rateLimit: RateLimitFacts | undefined | null = null;
          const event = Object.assign(request(), { status, durationMs, requestId });
          call(
            "onResponse",
            onResponse,
            Object.defineProperty(event, "rateLimit", {
              enumerable: true,
              // Parsed when first read, for the same reason.
              get() {
                if (rateLimit === null) rateLimit = readRateLimit(response.headers);
                return rateLimit;
              },
            }) as MyBotResponseEvent,
          );
        },
        retrying(number, error, delayMs, durationMs) {
          at(number);
          if (onRetry)
            call(
              "onRetry",
              onRetry,
              Object.assign(request(), { status, durationMs, requestId, delayMs, error }),
            );
        },
        ended(error, attempts, durationMs) {
          at(attempts);
          if (error && onError)
            call(
              "onError",
              onError,
              Object.assign(request(), {
                status: error.status ?? status,
                durationMs,
                requestId: error.requestId ?? requestId,
                error,
              }),
            );
        },
      };
    },
  };
}

/**
 * The one seam through which hooks, logging and tracing watch an operation. `request.ts` tells an
 * {@link OperationObserver} what happens; each feature turns that into its own output. With no
 * hook, no logger at a chatty level and no tracing, nothing here runs: the client keeps its
 * request path free of per-attempt bookkeeping (see bench/).
 *
 * @module
 */
import type { MyBotApiError } from "./errors.ts";
import type { MyBotOperation } from "./hooks.ts";

/** What is known of an operation before it starts. */
export interface OperationInfo {
  operation: MyBotOperation;
  method: "GET";
  /** The spec's path template: no ids. */
  route: string;
  /** The client's base URL, for the server's address. */
  baseUrl: URL;
}

/**
 * Watches one operation: its attempts, its retries and its end. Every method is optional; only
 * an observer with `sent` or `answered` has each attempt's fetch wrapped.
 */
export interface OperationObserver {
  /** An attempt is being sent, with the URL and headers the fetch receives (not redacted). */
  sent?(attempt: number, url: string, headers: Headers): void;
  /** The attempt's answer arrived (any status). */
  answered?(attempt: number, response: Response, durationMs: number): void;
  /** The attempt failed (with or without an answer) and another comes after `delayMs`. */
  retrying?(attempt: number, error: MyBotApiError, delayMs: number, durationMs: number): void;
  /** The operation ended: `error` is what the call throws, undefined on success. */
  ended?(error: MyBotApiError | undefined, attempts: number, durationMs: number): void;
}

/**
 * A source of observers, such as the OpenTelemetry one of `@mybot/core/opentelemetry`.
 * `observe` may return undefined to sit an operation out.
 *
 * @example
 * ```ts
 * const countRetries: MyBotInstrumentation = {
 *   observe: () => ({ retrying: () => retries++ }),
 * };
 * ```
 */
export interface MyBotInstrumentation {
  observe(operation: OperationInfo): OperationObserver | undefined;
}

/** One observer that tells several. */
function fanOut(observers: OperationObserver[]): OperationObserver {
  return {
    sent: observers.some((o) => o.sent)
      ? (...args) => {
          for (const o of observers) o.sent?.(...args);
        }
      : undefined,
    answered: observers.some((o) => o.answered)
      ? (...args) => {
          for (const o of observers) o.answered?.(...args);
        }
      : undefined,
    retrying: (...args) => {
      for (const o of observers) o.retrying?.(...args);
    },
    ended: (...args) => {
      for (const o of observers) o.ended?.(...args);
    },
  };
}

/**
 * Joins instrumentations into one, or undefined when there is none, so that the request path
 * can skip observation with a single check.
 *
 * @example
 * ```ts
 * const observe = combineInstrumentations([hooks, logging, tracing].filter(Boolean));
 * ```
 */
export function combineInstrumentations(
  sources: readonly MyBotInstrumentation[],
): MyBotInstrumentation | undefined {
  if (sources.length === 0) return undefined;
  if (sources.length === 1) return sources[0];
  return {
    observe(operation) {
      const observers: OperationObserver[] = [];
      for (const source of sources) {
        const observer = source.observe(operation);
        if (observer) observers.push(observer);
      }
      if (observers.length === 0) return undefined;
      return observers.length === 1 ? observers[0] : fanOut(observers);
    },
  };
}

/** The URL and headers of what openapi-fetch hands its fetch: a `Request`, or the client's plain stand-in. */
export interface OutgoingRequest {
  url: string;
  headers: Headers;
}

/**
 * A fetch for one attempt that tells the observer when it is sent and answered, so that the
 * observer sees the URL and headers after any openapi-fetch middleware.
 *
 * @example
 * ```ts
 * api.GET(path, { params, signal, fetch: observedFetch(fetch, observer, attempt) });
 * ```
 */
export function observedFetch<R extends OutgoingRequest>(
  send: (request: R) => Promise<Response>,
  observer: OperationObserver,
  attempt: number,
): (request: R) => Promise<Response> {
  return async (request) => {
    observer.sent?.(attempt, request.url, request.headers);
    const started = performance.now();
    const response = await send(request);
    observer.answered?.(attempt, response, performance.now() - started);
    return response;
  };
}

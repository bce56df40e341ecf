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

type Step = keyof OperationObserver;
const STEPS: readonly Step[] = ["sent", "answered", "retrying", "ended"];

/**
 * One observer that tells several, each call guarded: an observer that throws is reported to
 * `failed`, never to the request (which would otherwise be retried, or lose its real outcome).
 */
function fanOut(
  observers: OperationObserver[],
  failed: (step: Step, error: unknown) => void,
): OperationObserver {
  const out: OperationObserver = {};
  for (const step of STEPS) {
    const watching = observers.filter((o) => o[step]);
    if (watching.length === 0) continue;
    out[step] = (...args: unknown[]) => {
      for (const o of watching) {
        try {
          (o[step] as (...a: unknown[]) => void)(...args);
        } catch (error) {
          failed(step, error);
        }
      }
    };
  }
  return out;
}

/**
 * Joins instrumentations into one, or undefined when there is none, so that the request path
 * can skip observation with a single check. `failed` hears of an observer that threw.
 *
 * @example
 * ```ts
 * const observe = combineInstrumentations([hooks, logging, tracing], (step, e) => log.error(step));
 * ```
 */
export function combineInstrumentations(
  sources: readonly MyBotInstrumentation[],
  failed: (step: Step, error: unknown) => void,
): MyBotInstrumentation | undefined {
  if (sources.length === 0) return undefined;
  return {
    observe(operation) {
      const observers: OperationObserver[] = [];
      for (const source of sources) {
        try {
          const observer = source.observe(operation);
          if (observer) observers.push(observer);
        } catch (error) {
          failed("sent", error);
        }
      }
      return observers.length === 0 ? undefined : fanOut(observers, failed);
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

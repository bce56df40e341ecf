/**
 * One logical request: attempts with a per-attempt timeout, retries with back-off and
 * `Retry-After`, a total budget, and the caller's `AbortSignal`, ending in a typed error.
 *
 * @module
 */
import {
  createMyBotError,
  isMyBotApiError,
  kindOfStatus,
  type MyBotApiError,
  type MyBotErrorKind,
} from "./errors.ts";
import { toErrorBody } from "./mapping.ts";
import type { MyBotInstrumentation, OperationInfo, OperationObserver } from "./observer.ts";
import { onAbort } from "./on-abort.ts";
import { type RateLimitFacts, readRateLimit } from "./rate-limit.ts";
import { redactError, redactSecrets } from "./redact.ts";
import { backoffDelay, isRetryableStatus, sleep } from "./retry.ts";

/** Retry and timeout settings, already defaulted. */
export interface RequestPolicy {
  timeoutMs: number;
  totalTimeoutMs: number;
  maxRetries: number;
  initialRetryDelayMs: number;
  maxRetryDelayMs: number;
  maxRetryAfterMs: number;
  secrets: readonly string[];
  /** Hooks, logging and tracing together; undefined when nothing watches. */
  instrumentation?: MyBotInstrumentation | undefined;
}

/** What an attempt needs beyond its signal when it is watched: the observer, and its number. */
export interface WatchedAttempt {
  observer: OperationObserver;
  attempt: number;
}

/** What one attempt returns: openapi-fetch's `{ data, error, response }`. */
export interface AttemptOutcome<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

interface Failure {
  kind: MyBotErrorKind;
  message: string;
  status?: number;
  body?: unknown;
  requestId?: string | undefined;
  rateLimit?: RateLimitFacts | undefined;
  cause?: unknown;
}

const ATTEMPT_TIMEOUT = Symbol("attempt timeout");

/**
 * The server's request id (`X-Request-Id`, or `Request-Id`), for support tickets, with the
 * secrets redacted: it is the server's text, and a server may echo anything in it.
 *
 * @example
 * ```ts
 * requestIdOf(new Headers({ "x-request-id": "req-1" }), [apiKey]); // "req-1"
 * ```
 */
export function requestIdOf(headers: Headers, secrets: readonly string[]): string | undefined {
  const id = headers.get("x-request-id") ?? headers.get("request-id");
  return id === null ? undefined : redactSecrets(id, secrets);
}

function describeStatus(kind: MyBotErrorKind, status: number): string {
  switch (kind) {
    case "invalid_input":
      return `MyBOT rejected the request as invalid (HTTP ${status})`;
    case "auth":
      return status === 401
        ? "MyBOT rejected the API key (HTTP 401): it is missing, wrong, revoked or replaced"
        : "The API key is not allowed for this customer or bot (HTTP 403)";
    case "not_found":
      return "MyBOT found no such customer or bot (HTTP 404)";
    case "rate_limited":
      return "MyBOT is rate limiting this client (HTTP 429)";
    case "server":
      return `MyBOT failed on its side (HTTP ${status})`;
    case "timeout":
      return `MyBOT timed out the request (HTTP ${status})`;
    default:
      return `MyBOT answered HTTP ${status}`;
  }
}

/**
 * Runs `attempt` until it succeeds, fails for good, or runs out of time, then reads the data with
 * `read` (whose errors end the operation like any other).
 *
 * @example
 * ```ts
 * const users = await runWithRetries(info, policy, (signal) => api.GET(path, { signal }), undefined, toUsers);
 * ```
 */
export async function runWithRetries<T, R>(
  info: OperationInfo,
  policy: RequestPolicy,
  attempt: (signal: AbortSignal, watched?: WatchedAttempt) => Promise<AttemptOutcome<T>>,
  userSignal: AbortSignal | undefined,
  read: (data: T) => R,
): Promise<R> {
  const operation = info.operation;
  const observer = policy.instrumentation?.observe(info);
  const watchesAttempts = observer?.sent !== undefined || observer?.answered !== undefined;
  // A monotonic clock: a wall clock set forward (NTP, a resumed VM) must not spend the budget.
  const began = performance.now();
  const deadline = began + policy.totalTimeoutMs;
  let attempts = 0;
  /** The error for `failure`, not yet redacted: `end` (or the `retrying` report) redacts it, once. */
  const fail = (failure: Failure): MyBotApiError => {
    const fields = toErrorBody(failure.body);
    const details = fields.errorDetails;
    const suffix = fields.errorMessage
      ? `: ${fields.errorMessage}${details ? ` — ${details}` : ""}`
      : "";
    return createMyBotError({
      kind: failure.kind,
      message: `${operation}: ${failure.message}${suffix}`,
      status: failure.status,
      code: fields.errorCode ?? failure.status,
      errorName: fields.errorMessage,
      details,
      requestId: failure.requestId,
      attempts,
      rateLimit: failure.rateLimit,
      body: failure.body,
      cause: failure.cause,
    });
  };
  /**
   * Reports the failure and returns it, redacted whatever threw it (a reader, middleware): the
   * body and the cause (a fetch error naming the URL and headers, the server echoing the key) with
   * the message, as `util.inspect` and loggers print them all.
   */
  const end = (thrown: MyBotApiError) => {
    const error = redactError(thrown, policy.secrets);
    observer?.ended?.(error, attempts, performance.now() - began);
    return error;
  };
  const aborted = () =>
    fail({
      kind: "aborted",
      message: "the request was aborted by the caller",
      cause: userSignal?.reason,
    });

  for (;;) {
    if (userSignal?.aborted) throw end(aborted());
    const remaining = deadline - performance.now();
    if (remaining <= 0) {
      throw end(
        fail({
          kind: "timeout",
          message: `no answer within the total budget of ${policy.totalTimeoutMs} ms`,
        }),
      );
    }
    const attemptTimeoutMs = Math.min(policy.timeoutMs, remaining);
    const controller = new AbortController();
    const forgetUserAbort =
      userSignal && onAbort(userSignal, () => controller.abort(userSignal.reason));
    const timer = setTimeout(() => controller.abort(ATTEMPT_TIMEOUT), attemptTimeoutMs);
    attempts++;
    const attemptStarted = observer ? performance.now() : 0;
    // Set on every path that does not answer or throw.
    let failure!: Failure;
    let answered: AttemptOutcome<T> | undefined;
    try {
      const outcome = await attempt(
        controller.signal,
        watchesAttempts ? { observer, attempt: attempts } : undefined,
      );
      const { response } = outcome;
      if (response.ok) answered = outcome;
      else {
        const kind = kindOfStatus(response.status);
        failure = {
          kind,
          message: describeStatus(kind, response.status),
          status: response.status,
          body: outcome.error,
          requestId: requestIdOf(response.headers, policy.secrets),
          rateLimit: readRateLimit(response.headers),
        };
        if (!isRetryableStatus(response.status)) throw fail(failure);
      }
    } catch (error) {
      if (isMyBotApiError(error)) throw end(error);
      if (userSignal?.aborted) throw end(aborted());
      if (controller.signal.aborted && controller.signal.reason === ATTEMPT_TIMEOUT) {
        failure = {
          kind: "timeout",
          message: `no answer within ${attemptTimeoutMs} ms`,
          cause: error,
        };
      } else if (error instanceof SyntaxError) {
        throw end(
          fail({
            kind: "invalid_response",
            message: "MyBOT sent a body that is not valid JSON",
            cause: error,
          }),
        );
      } else {
        const reason = error instanceof Error ? error.message : String(error);
        failure = {
          kind: "connection",
          message: `could not reach MyBOT (${reason})`,
          cause: error,
        };
      }
    } finally {
      clearTimeout(timer);
      forgetUserAbort?.();
    }

    if (answered) {
      let result: R;
      try {
        result = read(answered.data as T);
      } catch (error) {
        throw end(
          isMyBotApiError(error)
            ? error
            : fail({
                kind: "invalid_response",
                message: `MyBOT sent a body that could not be read (${error instanceof Error ? error.message : String(error)})`,
                cause: error,
              }),
        );
      }
      observer?.ended?.(undefined, attempts, performance.now() - began);
      return result;
    }
    if (attempts > policy.maxRetries) throw end(fail(failure));
    const retryAfterMs = failure.rateLimit?.retryAfterMs;
    const delay =
      retryAfterMs !== undefined
        ? Math.min(retryAfterMs, policy.maxRetryAfterMs)
        : backoffDelay(attempts, {
            initialDelayMs: policy.initialRetryDelayMs,
            maxDelayMs: policy.maxRetryDelayMs,
          });
    // Sleeping past the budget would only end in a timeout; the real failure says more.
    if (performance.now() + delay >= deadline) throw end(fail(failure));
    // The one failure reported without `end`: redacted here, and only when someone listens.
    if (observer?.retrying) {
      const retried = redactError(fail(failure), policy.secrets);
      observer.retrying(attempts, retried, delay, performance.now() - attemptStarted);
    }
    try {
      await sleep(delay, userSignal);
    } catch {
      throw end(aborted());
    }
  }
}

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
import { redactSecrets } from "./redact.ts";
import { backoffDelay, isRetryableStatus, parseRetryAfter, sleep } from "./retry.ts";
import type { MyBotLogger } from "./types.ts";

/** Retry and timeout settings, already defaulted. */
export interface RequestPolicy {
  timeoutMs: number;
  totalTimeoutMs: number;
  maxRetries: number;
  initialRetryDelayMs: number;
  maxRetryDelayMs: number;
  maxRetryAfterMs: number;
  secrets: readonly string[];
  logger?: MyBotLogger | undefined;
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
  retryAfterMs?: number | undefined;
  cause?: unknown;
}

const ATTEMPT_TIMEOUT = Symbol("attempt timeout");

function requestIdOf(response: Response): string | undefined {
  return response.headers.get("x-request-id") ?? response.headers.get("request-id") ?? undefined;
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
 * Runs `attempt` until it succeeds, fails for good, or runs out of time.
 *
 * @example
 * ```ts
 * const { data } = await runWithRetries("getMatchingUsers", policy, (signal) => api.GET(path, { signal }));
 * ```
 */
export async function runWithRetries<T>(
  operation: string,
  policy: RequestPolicy,
  attempt: (signal: AbortSignal) => Promise<AttemptOutcome<T>>,
  userSignal?: AbortSignal,
): Promise<{ data: T; response: Response; attempts: number }> {
  const deadline = Date.now() + policy.totalTimeoutMs;
  let attempts = 0;
  const fail = (failure: Failure): MyBotApiError => {
    const fields = toErrorBody(failure.body);
    const details = fields.errorDetails && redactSecrets(fields.errorDetails, policy.secrets);
    const suffix = fields.errorMessage
      ? `: ${fields.errorMessage}${details ? ` — ${details}` : ""}`
      : "";
    return createMyBotError({
      kind: failure.kind,
      message: redactSecrets(`${operation}: ${failure.message}${suffix}`, policy.secrets),
      status: failure.status,
      code: fields.errorCode ?? failure.status,
      errorName: fields.errorMessage,
      details,
      requestId: failure.requestId,
      attempts,
      body: failure.body,
      cause: failure.cause,
    });
  };
  const aborted = () =>
    fail({
      kind: "aborted",
      message: "the request was aborted by the caller",
      cause: userSignal?.reason,
    });

  for (;;) {
    if (userSignal?.aborted) throw aborted();
    const remaining = deadline - Date.now();
    if (remaining <= 0) {
      throw fail({
        kind: "timeout",
        message: `no answer within the total budget of ${policy.totalTimeoutMs} ms`,
      });
    }
    const attemptTimeoutMs = Math.min(policy.timeoutMs, remaining);
    const controller = new AbortController();
    const onUserAbort = () => controller.abort(userSignal?.reason);
    userSignal?.addEventListener("abort", onUserAbort, { once: true });
    const timer = setTimeout(() => controller.abort(ATTEMPT_TIMEOUT), attemptTimeoutMs);
    attempts++;
    const started = Date.now();
    let failure: Failure;
    try {
      const outcome = await attempt(controller.signal);
      const { response } = outcome;
      policy.logger?.debug?.("mybot request", {
        operation,
        status: response.status,
        ms: Date.now() - started,
        attempt: attempts,
      });
      if (response.ok) return { data: outcome.data as T, response, attempts };
      const kind = kindOfStatus(response.status);
      failure = {
        kind,
        message: describeStatus(kind, response.status),
        status: response.status,
        body: outcome.error,
        requestId: requestIdOf(response),
        retryAfterMs: parseRetryAfter(response.headers.get("retry-after")),
      };
      if (!isRetryableStatus(response.status)) throw fail(failure);
    } catch (error) {
      if (isMyBotApiError(error)) throw error;
      if (userSignal?.aborted) throw aborted();
      if (controller.signal.aborted && controller.signal.reason === ATTEMPT_TIMEOUT) {
        failure = {
          kind: "timeout",
          message: `no answer within ${attemptTimeoutMs} ms`,
          cause: error,
        };
      } else if (error instanceof SyntaxError) {
        throw fail({
          kind: "invalid_response",
          message: "MyBOT sent a body that is not valid JSON",
          cause: error,
        });
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
      userSignal?.removeEventListener("abort", onUserAbort);
    }

    if (attempts > policy.maxRetries) throw fail(failure);
    const delay =
      failure.retryAfterMs !== undefined
        ? Math.min(failure.retryAfterMs, policy.maxRetryAfterMs)
        : backoffDelay(attempts, {
            initialDelayMs: policy.initialRetryDelayMs,
            maxDelayMs: policy.maxRetryDelayMs,
          });
    // Sleeping past the budget would only end in a timeout; the real failure says more.
    if (Date.now() + delay >= deadline) throw fail(failure);
    policy.logger?.warn?.("mybot retry", {
      operation,
      attempt: attempts,
      kind: failure.kind,
      status: failure.status,
      delayMs: delay,
    });
    try {
      await sleep(delay, userSignal);
    } catch {
      throw aborted();
    }
  }
}

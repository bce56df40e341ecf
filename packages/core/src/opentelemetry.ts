/**
 * OpenTelemetry tracing for the MyBOT client: one span per operation and one child span per HTTP
 * attempt, following the HTTP client span semantic conventions
 * (https://opentelemetry.io/docs/specs/semconv/http/http-spans/).
 *
 * It is a separate entry, `@mybot/core/opentelemetry`, so that the main entry never imports
 * `@opentelemetry/api`: an optional peer costs nothing, not even a module load, to those who
 * leave it out.
 *
 * Spans hold the spec's path template only. Ids, keys, the full URL and error messages (which
 * may quote the vendor) stay out.
 *
 * @example
 * ```ts
 * import { createMyBotClient } from "@mybot/core";
 * import { openTelemetry } from "@mybot/core/opentelemetry";
 * const client = createMyBotClient({ ...credentials, tracing: openTelemetry() });
 * ```
 *
 * @module
 */
import {
  context,
  type Span,
  SpanKind,
  SpanStatusCode,
  type Tracer,
  trace,
} from "@opentelemetry/api";
import { kindOf, type MyBotApiError } from "./errors.ts";
import type { MyBotInstrumentation, OperationInfo, OperationObserver } from "./observer.ts";
import { VERSION } from "./version.ts";

/** Options of {@link openTelemetry}. */
export interface OpenTelemetryOptions {
  /** Default: `trace.getTracer("@mybot/core", VERSION)`. */
  tracer?: Tracer;
}

function serverAttributes(baseUrl: URL): { "server.address": string; "server.port": number } {
  // URL.port is "" for the protocol's default port; semconv wants the port actually used.
  const port = Number(baseUrl.port) || (baseUrl.protocol === "http:" ? 80 : 443);
  // IPv6 hosts come bracketed from URL; semconv wants the bare address.
  return { "server.address": baseUrl.hostname.replace(/^\[|\]$/g, ""), "server.port": port };
}

function fail(span: Span, errorType: string): void {
  // The type, never the message: messages may carry vendor text.
  span.setAttribute("error.type", errorType);
  span.setStatus({ code: SpanStatusCode.ERROR, message: errorType });
}

/**
 * Traces each operation of the client it is given to as `tracing`.
 *
 * @example
 * ```ts
 * const client = createMyBotClient({ ...credentials, tracing: openTelemetry({ tracer }) });
 * ```
 */
export function openTelemetry(options: OpenTelemetryOptions = {}): MyBotInstrumentation {
  // getTracer hands out a proxy, so a provider registered after this call is still used.
  const tracer = options.tracer ?? trace.getTracer("@mybot/core", VERSION);

  return {
    observe(info: OperationInfo): OperationObserver | undefined {
      const operationSpan = tracer.startSpan(
        `mybot.${info.operation}`,
        { kind: SpanKind.INTERNAL, attributes: { "mybot.operation": info.operation } },
        context.active(),
      );
      // Unsampled (or no SDK registered): skip the per-attempt work altogether.
      if (!operationSpan.isRecording()) {
        operationSpan.end();
        return undefined;
      }
      // Set explicitly rather than through context.with, so no context manager is needed.
      const parent = trace.setSpan(context.active(), operationSpan);
      const server = serverAttributes(info.baseUrl);
      // Attempts run one after another: at most one is open.
      let attemptSpan: Span | undefined;

      // An attempt that never got an answer learns its outcome from the next retrying/ended.
      const closeUnanswered = (error: MyBotApiError | undefined): void => {
        if (!attemptSpan) return;
        if (error) fail(attemptSpan, kindOf(error));
        attemptSpan.end();
        attemptSpan = undefined;
      };

      return {
        // `url.full` is deliberately left out (and `url` unread): the path holds the customer
        // id, the bot key and the channel user id, often a phone number. Headers hold the key.
        sent(attempt) {
          closeUnanswered(undefined);
          attemptSpan = tracer.startSpan(
            `${info.method} ${info.route}`,
            {
              kind: SpanKind.CLIENT,
              attributes: {
                "http.request.method": info.method,
                "url.template": info.route,
                ...server,
                ...(attempt > 1 ? { "http.request.resend_count": attempt - 1 } : {}),
              },
            },
            parent,
          );
        },
        answered(_attempt, response) {
          if (!attemptSpan) return;
          attemptSpan.setAttribute("http.response.status_code", response.status);
          if (response.status >= 400) fail(attemptSpan, String(response.status));
          attemptSpan.end();
          attemptSpan = undefined;
        },
        retrying(_attempt, error) {
          closeUnanswered(error);
        },
        ended(error, attempts) {
          closeUnanswered(error);
          operationSpan.setAttribute("mybot.attempts", attempts);
          if (error) fail(operationSpan, kindOf(error));
          operationSpan.end();
        },
      };
    },
  };
}

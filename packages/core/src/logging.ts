/**
 * The client's log lines: a level (`logLevel`, or `MYBOT_LOG` from the environment) and a
 * pluggable logger. A line is one self-contained sentence plus a fields object, so that both
 * `console` (which prints both) and pino (which keeps the sentence as `msg`) read well; neither
 * holds the API key or a channel user id (routes are logged, not URLs).
 *
 * @module
 */
import { kindOf } from "./errors.ts";
import type { MyBotInstrumentation, OperationInfo, OperationObserver } from "./observer.ts";
import { redactHeaders } from "./redact.ts";
import { requestIdOf } from "./request.ts";

/** From quiet to chatty; each level includes the ones before it. */
export const LOG_LEVELS = ["off", "error", "warn", "info", "debug"] as const;
export type MyBotLogLevel = (typeof LOG_LEVELS)[number];

type LogFn = (message: string, fields?: Record<string, unknown>) => void;

/**
 * Where lines go. `console` fits as it is; so does pino, which keeps the sentence as `msg` (for
 * the fields as data, pass `{ warn: (m, f) => pino.warn(f, m), … }`). Missing methods are skipped.
 */
export interface MyBotLogger {
  error?(message: string, fields?: Record<string, unknown>): void;
  warn?(message: string, fields?: Record<string, unknown>): void;
  info?(message: string, fields?: Record<string, unknown>): void;
  debug?(message: string, fields?: Record<string, unknown>): void;
}

/**
 * The default: the console, sentence only. Every sentence stands alone, and a fields object
 * printed by `console` would spread one event over ten lines of a terminal.
 */
const consoleLogger: MyBotLogger = {
  error: (message) => console.error(message),
  warn: (message) => console.warn(message),
  info: (message) => console.info(message),
  debug: (message) => console.debug(message),
};

const rank = (level: MyBotLogLevel) => LOG_LEVELS.indexOf(level);

/**
 * `MYBOT_LOG`, where the runtime has an environment and lets us read it. Deno is asked first:
 * reading without `--allow-env` would stop a service at a permission prompt.
 */
function fromEnvironment(): string | undefined {
  try {
    const deno = (globalThis as { Deno?: DenoPermissions }).Deno;
    if (deno?.permissions?.querySync?.({ name: "env", variable: "MYBOT_LOG" }).state === "prompt")
      return undefined;
    const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process
      ?.env;
    return env?.MYBOT_LOG?.trim().toLowerCase() || undefined;
  } catch {
    return undefined;
  }
}

/** The part of Deno's API read above. */
interface DenoPermissions {
  permissions?: {
    querySync?(descriptor: { name: "env"; variable: string }): { state: string };
  };
}

/** A logger that writes what its level allows and drops the rest, with one method per level. */
export interface LevelledLogger {
  level: MyBotLogLevel;
  error: LogFn;
  warn: LogFn;
  info: LogFn;
  debug: LogFn;
}

/**
 * The level to use: the option, else a valid `MYBOT_LOG`, else `warn`. An unknown `MYBOT_LOG` is
 * reported (at warn) when a client is created, and ignored rather than failing a service at start-up.
 *
 * @example
 * ```ts
 * const log = createLevelledLogger(undefined, console); // MYBOT_LOG=debug → every attempt logged
 * log.warn("mybot: retrying", { attempt: 1 });
 * ```
 */
export function createLevelledLogger(
  level: MyBotLogLevel | undefined,
  logger: MyBotLogger = consoleLogger,
): LevelledLogger {
  const env = level === undefined ? fromEnvironment() : undefined;
  const envLevel = LOG_LEVELS.find((l) => l === env);
  const chosen = level ?? envLevel ?? "warn";
  const at = (l: Exclude<MyBotLogLevel, "off">): LogFn =>
    rank(chosen) >= rank(l) && typeof logger[l] === "function"
      ? (message, fields) => {
          try {
            logger[l]?.(message, fields);
          } catch {
            // A broken logger must not break a request.
          }
        }
      : () => {};
  const log = {
    level: chosen,
    error: at("error"),
    warn: at("warn"),
    info: at("info"),
    debug: at("debug"),
  };
  if (env !== undefined && envLevel === undefined)
    log.warn(
      `mybot: MYBOT_LOG=${JSON.stringify(env.slice(0, 20))} is not one of ${LOG_LEVELS.join(", ")}; using warn`,
    );
  return log;
}

const ms = (value: number) => `${Math.round(value)} ms`;

/**
 * Log lines as an instrumentation: retries at `warn`, each operation's end at `info`, each attempt
 * and answer at `debug`.
 * Undefined when the level is below `warn`, so that a quiet client observes nothing.
 *
 * @example
 * ```ts
 * const logging = loggingInstrumentation(createLevelledLogger("debug", console), [apiKey]);
 * ```
 */
export function loggingInstrumentation(
  log: LevelledLogger,
  secrets: readonly string[],
): MyBotInstrumentation | undefined {
  if (rank(log.level) < rank("warn")) return undefined;
  const info = rank(log.level) >= rank("info");
  const debug = rank(log.level) >= rank("debug");
  // Log lines keep no state between events, so one observer serves every call of an operation.
  const byOperation = new Map<OperationInfo, OperationObserver>();
  const observerOf = ({ operation, route }: OperationInfo): OperationObserver => {
    const about = (attempt: number) => ({ operation, route, attempt });
    const observer: OperationObserver = {
      retrying(attempt, error, delayMs) {
        const why = error.status === undefined ? kindOf(error) : `HTTP ${error.status}`;
        log.warn(
          `mybot: ${operation} attempt ${attempt} failed (${why}); retrying in ${ms(delayMs)}`,
          {
            ...about(attempt),
            kind: kindOf(error),
            status: error.status,
            delayMs,
            requestId: error.requestId,
          },
        );
      },
    };
    if (info)
      observer.ended = (error, attempts, durationMs) =>
        log.info(
          `mybot: ${operation} ${error ? `failed (${kindOf(error)})` : "done"} after ${attempts} attempt(s) in ${ms(durationMs)}`,
          {
            operation,
            route,
            attempts,
            durationMs,
            kind: error && kindOf(error),
            status: error?.status,
          },
        );
    if (debug) {
      observer.sent = (attempt, _url, headers) =>
        log.debug(`mybot: ${operation} attempt ${attempt} sent`, {
          ...about(attempt),
          headers: redactHeaders(headers, secrets),
        });
      observer.answered = (attempt, response, durationMs) =>
        log.debug(
          `mybot: ${operation} attempt ${attempt} answered HTTP ${response.status} in ${ms(durationMs)}`,
          {
            ...about(attempt),
            status: response.status,
            durationMs,
            requestId: requestIdOf(response.headers, secrets),
          },
        );
    }
    return observer;
  };
  return {
    observe(info) {
      let observer = byOperation.get(info);
      if (!observer) {
        observer = observerOf(info);
        byOperation.set(info, observer);
      }
      return observer;
    },
  };
}

/**
 * Where a server listens, from the environment: `HOST` (loopback unless set) and a port variable
 * (`PORT` unless named), each app with its own default port.
 *
 * @module
 */

/** Loopback: a server is reachable from elsewhere only when `HOST` says so. */
export const DEFAULT_HOST = "127.0.0.1";

/** The environment, or the part of it a caller passes (tests pass a plain object). */
export type Env = Record<string, string | undefined>;

/**
 * `HOST`, or loopback when it is unset or empty.
 *
 * @example
 * ```ts
 * hostFromEnv({ HOST: "0.0.0.0" }); // "0.0.0.0"
 * hostFromEnv({}); // "127.0.0.1"
 * ```
 */
export function hostFromEnv(env: Env): string {
  return env.HOST || DEFAULT_HOST;
}

/**
 * A port number: 0 to 65535 in decimal digits (0: any free port), else `undefined`.
 *
 * @example
 * ```ts
 * parsePort("8080"); // 8080
 * parsePort("eighty"); // undefined
 * ```
 */
export function parsePort(text: string): number | undefined {
  if (!/^\d{1,5}$/.test(text)) return undefined;
  const port = Number(text);
  return port <= 65535 ? port : undefined;
}

/**
 * The sentence for a bad port setting, naming the variable; each app throws it as its own
 * configuration error.
 *
 * @example
 * ```ts
 * portSentence("PORT", "eighty"); // 'PORT: "eighty" is not a port number: give a whole number from 0 to 65535'
 * ```
 */
export function portSentence(name: string, text: string): string {
  return `${name}: ${JSON.stringify(text)} is not a port number: give a whole number from 0 to 65535`;
}

/** A bad setting in the environment, as one sentence that names it. */
export class EnvError extends Error {
  override name = "EnvError";
}

/**
 * The port in `env[name]`, or `fallback` when unset or empty; anything else is refused with
 * {@link portSentence}, thrown by `fail` (an {@link EnvError} unless the app throws its own).
 *
 * @example
 * ```ts
 * portFromEnv(process.env, 4010); // PORT, default 4010
 * portFromEnv(env, 9464, "EXPORTER_PORT", (m) => { throw new ExporterConfigError(m); });
 * ```
 */
export function portFromEnv(
  env: Env,
  fallback: number,
  name = "PORT",
  fail: (message: string) => never = (message) => {
    throw new EnvError(message);
  },
): number {
  const text = env[name];
  if (text === undefined || text === "") return fallback;
  return parsePort(text) ?? fail(portSentence(name, text));
}

/**
 * `apps.connections.open`: trades the app-level token (`xapp-…`) for a one-time WebSocket URL.
 * Slack's answer decides what happens next: a refused token can only be fixed by an admin, so
 * it is a fatal error naming `SLACK_APP_TOKEN` (never its value); a rate limit, a 5xx or a
 * network failure is worth retrying.
 *
 * @module
 */

/**
 * An error that retrying cannot fix (a refused app token, Socket Mode turned off); the app stops
 * with its message, which names the setting to fix and never holds a secret.
 *
 * @example
 * ```ts
 * const error = await startSocketMode(options).done;
 * if (error instanceof SocketModeFatalError) console.error(error.message);
 * ```
 */
export class SocketModeFatalError extends Error {
  override name = "SocketModeFatalError";
}

/** Slack's errors for which another try may work; any other `ok: false` is fatal. */
const TRANSIENT = new Set([
  "ratelimited",
  "internal_error",
  "fatal_error",
  "service_unavailable",
  "request_timeout",
]);
/** Slack's errors that mean the token itself is wrong. */
const TOKEN = new Set([
  "invalid_auth",
  "not_authed",
  "account_inactive",
  "token_revoked",
  "token_expired",
  "not_allowed_token_type",
  "missing_scope",
]);

/**
 * @example
 * ```ts
 * const url = await openConnection({ apiUrl: "https://slack.com/api/", appToken });
 * ```
 */
export async function openConnection(options: {
  apiUrl: string;
  appToken: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}): Promise<string> {
  const response = await (options.fetch ?? fetch)(
    new URL("apps.connections.open", options.apiUrl),
    {
      method: "POST",
      headers: {
        authorization: `Bearer ${options.appToken}`,
        "content-type": "application/x-www-form-urlencoded",
      },
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    },
  ).catch((error: Error) => {
    throw new Error(`Slack's Web API is unreachable (${error.name})`);
  });
  if (!response.ok) {
    await response.body?.cancel().catch(() => {});
    throw new Error(`apps.connections.open answered HTTP ${response.status}`);
  }
  const body = (await response.json().catch(() => undefined)) as
    | { ok?: boolean; url?: unknown; error?: unknown }
    | undefined;
  if (body?.ok === true && typeof body.url === "string" && /^wss?:\/\//.test(body.url))
    return body.url;
  // Slack's error codes are short words; anything else is not repeated in a log line.
  const error =
    typeof body?.error === "string" && /^[\w.-]{1,60}$/.test(body.error) ? body.error : "";
  if (!body || (body.ok === true && !error))
    throw new Error("apps.connections.open sent an answer we could not read");
  if (TRANSIENT.has(error)) throw new Error(`apps.connections.open answered ${error}`);
  if (TOKEN.has(error))
    throw new SocketModeFatalError(
      `Slack rejected SLACK_APP_TOKEN (${error}): create an app-level token with the connections:write scope (Slack app settings → Basic Information → App-Level Tokens) and set it in SLACK_APP_TOKEN`,
    );
  throw new SocketModeFatalError(
    `Slack refused to open a Socket Mode connection (${error || "no reason given"}): check that Socket Mode is on in the app's settings and that SLACK_APP_TOKEN belongs to this app`,
  );
}

/**
 * Keeps the API key out of logs and errors. The key is a bearer secret (vendor page section 2),
 * so every string that leaves the client through a log line or an error passes through here.
 *
 * @module
 */

/** What replaces a secret. */
export const REDACTED = "[redacted]";

/**
 * Replaces every occurrence of each secret in `text`.
 *
 * @example
 * ```ts
 * redactSecrets("bad key abc-123", ["abc-123"]); // "bad key [redacted]"
 * ```
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join(REDACTED);
  }
  return out;
}

/**
 * A copy of request headers fit for a log: the Authorization value is reduced to its scheme.
 *
 * @example
 * ```ts
 * redactHeaders(new Headers({ Authorization: "Basic abc" })); // { authorization: "Basic [redacted]" }
 * ```
 */
export function redactHeaders(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    out[name] = /^(authorization|proxy-authorization|cookie)$/i.test(name)
      ? `${value.split(" ")[0] ?? ""} ${REDACTED}`.trim()
      : value;
  });
  return out;
}

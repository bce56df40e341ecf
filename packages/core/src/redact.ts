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

/** Headers whose whole value is a credential, whatever its name's spelling. */
const SECRET_HEADER =
  /^(authorization|proxy-authorization|cookie|set-cookie)$|api[-_]?key|token|secret/i;

/**
 * A copy of request headers fit for a log: credential headers lose their value (an
 * `Authorization` keeps its scheme, when it has one), and every occurrence of a known secret is
 * replaced in the others.
 *
 * @example
 * ```ts
 * redactHeaders(new Headers({ Authorization: "Basic abc" })); // { authorization: "Basic [redacted]" }
 * ```
 */
export function redactHeaders(
  headers: Headers,
  secrets: readonly string[] = [],
): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    if (!SECRET_HEADER.test(name)) out[name] = redactSecrets(value, secrets);
    else {
      // "Basic <key>" keeps "Basic"; a bare token keeps nothing.
      const scheme = /^([A-Za-z][\w-]*) +\S/.exec(value)?.[1];
      out[name] = scheme ? `${scheme} ${REDACTED}` : REDACTED;
    }
  });
  return out;
}

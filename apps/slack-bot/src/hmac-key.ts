/**
 * The signing secret as a WebCrypto HMAC-SHA256 key, imported once per secret: Slack's request
 * signatures (signature.ts) and the button values (button-value.ts) both sign with it.
 *
 * @module
 */
const keys = new Map<string, Promise<CryptoKey>>();

/**
 * @example
 * ```ts
 * const mac = await crypto.subtle.sign("HMAC", await hmacKey(secret), bytes);
 * ```
 */
export function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey(
      "raw",
      new TextEncoder().encode(secret),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign", "verify"],
    );
    keys.set(secret, key);
  }
  return key;
}

/**
 * Slack's request signing (https://api.slack.com/authentication/verifying-requests-from-slack):
 * `v0=` HMAC-SHA256 of `v0:<timestamp>:<raw body>` with the signing secret. The comparison is
 * WebCrypto's `verify`, which is constant-time, and the timestamp must be within five minutes
 * either way, so a replayed or a future-dated request fails alike.
 *
 * @module
 */

import { hmacKey } from "./hmac-key.ts";

export const MAX_SKEW_SECONDS = 300;

export type SignatureCheck = "ok" | "missing" | "stale" | "invalid";

const encoder = new TextEncoder();
function hexToBytes(hex: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^[0-9a-f]{64}$/i.test(hex)) return undefined;
  const bytes = new Uint8Array(new ArrayBuffer(32));
  for (let i = 0; i < 32; i++) bytes[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

/**
 * @example
 * ```ts
 * await checkSignature(secret, request.headers, rawBody); // "ok"
 * ```
 */
export async function checkSignature(
  secret: string,
  headers: Headers,
  rawBody: string,
  nowMs = Date.now(),
): Promise<SignatureCheck> {
  const timestamp = headers.get("x-slack-request-timestamp");
  const signature = headers.get("x-slack-signature");
  if (!timestamp || !signature) return "missing";
  if (
    !/^\d{1,12}$/.test(timestamp) ||
    Math.abs(nowMs / 1000 - Number(timestamp)) > MAX_SKEW_SECONDS
  )
    return "stale";
  const bytes = signature.startsWith("v0=") ? hexToBytes(signature.slice(3)) : undefined;
  if (!bytes) return "invalid";
  const valid = await crypto.subtle.verify(
    "HMAC",
    await hmacKey(secret),
    bytes,
    encoder.encode(`v0:${timestamp}:${rawBody}`),
  );
  return valid ? "ok" : "invalid";
}

/**
 * Signs a body as Slack does; the tests and the benchmark send requests signed with it.
 *
 * @example
 * ```ts
 * const headers = await signRequest(secret, body);
 * ```
 */
export async function signRequest(
  secret: string,
  rawBody: string,
  nowMs = Date.now(),
): Promise<Record<string, string>> {
  const timestamp = String(Math.floor(nowMs / 1000));
  const mac = new Uint8Array(
    await crypto.subtle.sign(
      "HMAC",
      await hmacKey(secret),
      encoder.encode(`v0:${timestamp}:${rawBody}`),
    ),
  );
  const hex = Array.from(mac, (b) => b.toString(16).padStart(2, "0")).join("");
  return {
    "content-type": "application/x-www-form-urlencoded",
    "x-slack-request-timestamp": timestamp,
    "x-slack-signature": `v0=${hex}`,
  };
}

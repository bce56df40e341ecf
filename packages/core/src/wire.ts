/**
 * `@mybot/core/wire`: the client's own readers of MyBOT's wire formats, for tools that see a raw
 * answer before (or instead of) the client: a fetch wrapper that pauses on `Retry-After`, a
 * diagnostic that judges a history body. They read exactly as the client reads, so such a tool
 * cannot drift from it, and they stay out of the main entry, whose users never need them.
 *
 * @example
 * ```ts
 * import { parseRetryAfter, parseVendorTimestamp } from "@mybot/core/wire";
 * parseRetryAfter(response.headers.get("retry-after")); // 2000 for "2"
 * parseVendorTimestamp("2026-08-01 20:51:14.250+0530"); // 1785597674250
 * ```
 *
 * @module
 */
export { parseRetryAfter } from "./retry.ts";
export { parseVendorTimestamp } from "./vendor-time.ts";

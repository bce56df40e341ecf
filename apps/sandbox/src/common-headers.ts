/**
 * The headers every answer carries: `X-Request-Id` (spec `components.headers.X-Request-Id`) and,
 * on the API paths, CORS for browser clients of @mybot/core.
 *
 * Set through `c.header()` before the handler rather than on `c.res`: touching `c.res` early makes
 * Hono re-wrap the handler's Response, which drops @hono/node-server's fast path for string
 * bodies and cost a third of the history endpoint's throughput (see bench/).
 *
 * @module
 */
import type { MiddlewareHandler } from "hono";

const CORS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Expose-Headers": "X-Request-Id, Retry-After",
};
const PREFLIGHT = {
  "Access-Control-Allow-Methods": "GET, OPTIONS",
  "Access-Control-Allow-Headers": "Authorization, Content-Type",
  "Access-Control-Max-Age": "600",
};

/**
 * @example
 * ```ts
 * app.use("*", commonHeaders());
 * ```
 */
export function commonHeaders(): MiddlewareHandler {
  return async (c, next) => {
    const headers: Record<string, string> = { "X-Request-Id": crypto.randomUUID() };
    if (c.req.path.startsWith("/bot-api/")) Object.assign(headers, CORS);
    for (const [name, value] of Object.entries(headers)) c.header(name, value);
    if (c.req.method === "OPTIONS" && "Access-Control-Allow-Origin" in headers)
      return c.body(null, 204, PREFLIGHT);
    await next();
    // Handlers that return a ready-made Response (the error bodies) bypass c.header().
    if (!c.res.headers.has("X-Request-Id")) {
      for (const [name, value] of Object.entries(headers)) c.res.headers.set(name, value);
    }
  };
}

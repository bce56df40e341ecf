/**
 * Applies the {@link FaultTable} to the API routes. Latency delays the real answer; the other
 * faults replace it.
 *
 * @module
 */
import type { MiddlewareHandler } from "hono";
import { errorForStatus, errorResponse } from "./error-body.ts";
import type { FaultTable } from "./faults.ts";

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** A body that fails mid-stream, which makes every runtime drop the connection. */
function brokenStream(): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      controller.error(new Error("connection reset (injected fault)"));
    },
  });
}

/**
 * @example
 * ```ts
 * app.use("/bot-api/*", faultMiddleware(faults, 120_000));
 * ```
 */
export function faultMiddleware(faults: FaultTable, maxHangMs: number): MiddlewareHandler {
  return async (c, next) => {
    const endpoint = c.req.path.endsWith("/conversations")
      ? "history"
      : c.req.path.endsWith("/users")
        ? "users"
        : undefined;
    if (!endpoint) return next();
    const fired = faults.take(endpoint);
    if (fired.length === 0) return next();
    const signal = c.req.raw.signal;
    for (const fault of fired)
      if (fault.type === "latency") await sleep(fault.latencyMs ?? 0, signal);
    const fault = fired.find((f) => f.type !== "latency");
    switch (fault?.type) {
      case undefined:
        return next();
      case "status": {
        const headers: Record<string, string> = {};
        if (fault.status === 429) headers["Retry-After"] = String(fault.retryAfterSeconds ?? 1);
        c.res = errorResponse(errorForStatus(fault.status ?? 500), undefined, headers);
        return;
      }
      case "hang":
        // Until the client gives up; the cap keeps a forgotten fault from holding sockets forever.
        await sleep(maxHangMs, signal);
        c.res = errorResponse(errorForStatus(503));
        return;
      case "reset": {
        const socket = (c.env as { incoming?: { socket?: { destroy(): void } } } | undefined)
          ?.incoming?.socket;
        // On Node the socket itself is cut; Bun and Deno cut the connection when the body fails.
        socket?.destroy();
        c.res = new Response(socket ? null : brokenStream(), {
          headers: { "content-type": "application/json" },
        });
        return;
      }
      case "malformed":
        c.res = new Response('{"messages": [{"id": "m1", "timestamp": oops', {
          headers: { "content-type": "application/json" },
        });
        return;
      case "truncated": {
        await next();
        const text = await c.res.text();
        c.res = new Response(text.slice(0, Math.floor(text.length / 2)), {
          status: c.res.status,
          headers: { "content-type": "application/json" },
        });
        return;
      }
    }
  };
}

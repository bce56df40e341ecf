/**
 * The sandbox as one web-standard `fetch` handler (Hono): the MyBOT API under `/bot-api/v1.0`,
 * the admin API under `/__admin`, a request id and one log line per request.
 *
 * @module
 */
import { Hono } from "hono";
import { routePath } from "hono/route";
import { createAdminRoutes } from "./admin.ts";
import { createApiRoutes } from "./api.ts";
import { commonHeaders } from "./common-headers.ts";
import { ERRORS, errorResponse } from "./error-body.ts";
import { faultMiddleware } from "./fault-middleware.ts";
import { FaultTable } from "./faults.ts";
import { createShapeSetting, type HistoryShape, type ShapeSetting } from "./history-shape.ts";
import type { SandboxStore } from "./store/store.ts";

/** What the app is built from. */
export interface SandboxAppOptions {
  store: SandboxStore;
  faults?: FaultTable;
  adminToken?: string | undefined;
  /**
   * Receives one line per request, with the route's template for a path: never the key, the
   * query string, nor the ids (phone numbers among them) that the path carried.
   */
  log?: ((line: string) => void) | undefined;
  /** How long a `hang` fault holds a request at most. */
  maxHangMs?: number;
  now?: () => number;
  /** The history body's shape at start; the observed one by default. The admin API can switch it. */
  shape?: HistoryShape | undefined;
}

/**
 * @example
 * ```ts
 * const { app } = createSandboxApp({ store, adminToken: "secret" });
 * const res = await app.fetch(new Request("http://sandbox/healthz"));
 * ```
 */
export function createSandboxApp(options: SandboxAppOptions): {
  app: Hono;
  faults: FaultTable;
  shape: ShapeSetting;
} {
  const faults = options.faults ?? new FaultTable();
  const shape = createShapeSetting(options.shape);
  const app = new Hono();

  app.use("*", async (c, next) => {
    const started = performance.now();
    await next();
    options.log?.(
      `${c.req.method} ${routePath(c, -1)} ${c.res.status} ${(performance.now() - started).toFixed(1)}ms`,
    );
  });
  app.use("*", commonHeaders());
  app.use("/bot-api/*", faultMiddleware(faults, options.maxHangMs ?? 120_000));

  app.get("/healthz", (c) => c.json({ ok: true, driver: options.store.driver }));
  app.route(
    "/bot-api/v1.0",
    createApiRoutes(options.store, { now: options.now, shape: shape.get }),
  );
  app.route("/__admin", createAdminRoutes(options.store, faults, options.adminToken, shape));

  app.notFound(() => errorResponse(ERRORS.notFound, "No such endpoint."));
  app.onError((error) => {
    // The body never carries a stack; the operator's log gets the message only.
    options.log?.(`error: ${error instanceof Error ? error.message : String(error)}`);
    return errorResponse(ERRORS.serverError);
  });
  return { app, faults, shape };
}

/**
 * `serveOnNode`, the name the sandbox used to export its server helper by. Serving is
 * @mybot/runtime's `serve` now (on every runtime); this alias stays only until the last
 * importers outside the sandbox move to it, then goes.
 *
 * @module
 */
import { type FetchHandler, type Served, serve } from "@mybot/runtime";

/**
 * @deprecated `serve({ fetch: app.fetch, port, hostname })` from @mybot/runtime.
 * @example
 * ```ts
 * const server = await serveOnNode(sandbox, 0); // as serve({ fetch: sandbox.fetch, port: 0 })
 * ```
 */
export function serveOnNode(
  app: { fetch: FetchHandler },
  port: number,
  hostname?: string,
): Promise<Served> {
  return serve({ fetch: app.fetch, port, hostname });
}

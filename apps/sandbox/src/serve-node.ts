/**
 * Serves a web-standard fetch handler (the sandbox, or any app of the stack) on Node with
 * @hono/node-server: `main.node.ts`, `pnpm start`, and the tests that need a real socket.
 *
 * @module
 */
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";

/**
 * Listens on `port` (0 for a free one) on loopback unless `hostname` says otherwise.
 *
 * @example
 * ```ts
 * const server = await serveOnNode(sandbox, 0);
 * console.log(server.url);
 * await server.close();
 * ```
 */
export function serveOnNode(
  app: { fetch: (request: Request, env?: unknown) => Response | Promise<Response> },
  port: number,
  hostname = "127.0.0.1",
): Promise<{ url: string; port: number; close(): Promise<void> }> {
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port, hostname }, (info: AddressInfo) => {
      resolve({
        url: `http://${hostname}:${info.port}`,
        port: info.port,
        close: () =>
          new Promise<void>((done) => {
            (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
            server.close(() => done());
          }),
      });
    });
  });
}

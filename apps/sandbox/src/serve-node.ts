/**
 * Serves a sandbox on Node with @hono/node-server; used by `main.node.ts` and by tests that
 * need a real socket (Pact, the client's end-to-end tests).
 *
 * @module
 */
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import type { Sandbox } from "./boot.ts";

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
  sandbox: Sandbox,
  port: number,
  hostname = "127.0.0.1",
): Promise<{ url: string; port: number; close(): Promise<void> }> {
  return new Promise((resolve) => {
    const server = serve({ fetch: sandbox.fetch, port, hostname }, (info: AddressInfo) => {
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

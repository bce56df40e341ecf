/**
 * A started sandbox on a socket, as one thing to close: every place that serves one (the
 * sandbox's entry point, the stack, the test kit) would otherwise repeat the same care — close
 * the store when the port is refused, and stop serving before closing the store.
 *
 * @module
 */
import { type FetchHandler, type Served, type ServeOptions, serve } from "@mybot/runtime";
import type { Sandbox } from "./boot.ts";

/** How to serve it; `fetch` defaults to the sandbox's own (give one to wrap it). */
export type SandboxServeOptions = Omit<ServeOptions, "fetch"> & { fetch?: FetchHandler };

/**
 * Serves `sandbox`; `close()` stops serving, then closes the sandbox (even when stopping failed).
 * When serving fails (a port in use is a `PortInUseError`, unchanged), the sandbox is closed and
 * the error rethrown.
 *
 * @example
 * ```ts
 * const served = await serveSandbox(await startSandbox(env), { port: 4010, portName: "PORT" });
 * console.log(served.url);
 * await served.close();
 * ```
 */
export async function serveSandbox(
  sandbox: Sandbox,
  options: SandboxServeOptions,
): Promise<Served> {
  let server: Served;
  try {
    server = await serve({ ...options, fetch: options.fetch ?? sandbox.fetch });
  } catch (error) {
    sandbox.close();
    throw error;
  }
  return {
    url: server.url,
    port: server.port,
    async close() {
      try {
        await server.close();
      } finally {
        sandbox.close();
      }
    },
  };
}

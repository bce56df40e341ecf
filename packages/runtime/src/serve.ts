/**
 * Serves a web-standard fetch handler on the runtime it runs on: `Bun.serve` on Bun,
 * `Deno.serve` on Deno, @hono/node-server on Node (loaded only there, so that Bun and Deno
 * never read it). Every app's entry point, the stack, and the tests that need a real socket.
 *
 * @module
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { DEFAULT_HOST, EnvError } from "./env.ts";
import { bunGlobal, denoGlobal } from "./runtime.ts";

/** A fetch handler; on Node `env` carries the raw socket (`incoming`, `outgoing`). */
export type FetchHandler = (request: Request, env?: unknown) => Response | Promise<Response>;

export interface ServeOptions {
  fetch: FetchHandler;
  /** 0 for a free one. */
  port: number;
  /** The setting the port came from (`PORT`, `--port`), named when the port is in use. */
  portName?: string;
  /** @default "127.0.0.1" (loopback: nothing is exposed unless asked for) */
  hostname?: string;
  /**
   * How long `close()` lets in-flight requests finish before cutting them. Deno has no way to
   * cut them, and always lets them finish.
   * @default 0 (cut at once: a test or a hanging fault must not hold a stop)
   */
  graceMs?: number;
}

/**
 * The port is taken: a setting to change, so an {@link EnvError} whose message an entry point
 * prints after its name (`sandbox: port 4010 (PORT) is in use`), exiting 2 like any bad setting.
 * `code` stays Node's, for callers that looked for it.
 */
export class PortInUseError extends EnvError {
  override name = "PortInUseError";
  readonly code = "EADDRINUSE";
  constructor(
    readonly port: number,
    portName?: string,
  ) {
    super(`port ${port}${portName ? ` (${portName})` : ""} is in use`);
  }
}

/** Node and Bun say `EADDRINUSE`; Deno throws `Deno.errors.AddrInUse`. */
const inUse = (error: unknown) => {
  const { code, name } = (error ?? {}) as { code?: unknown; name?: unknown };
  return code === "EADDRINUSE" || name === "AddrInUse";
};

export interface Served {
  /** `http://host:port`, with the port actually bound. */
  url: string;
  port: number;
  /** Stops listening, ends the connections (see `graceMs`); resolves once they are closed. */
  close(): Promise<void>;
}

/**
 * @example
 * ```ts
 * const server = await serve({ fetch: app.fetch, port: 0 });
 * console.log(server.url); // http://127.0.0.1:54321
 * await server.close();
 * ```
 */
export async function serve(options: ServeOptions): Promise<Served> {
  try {
    return await listen(options);
  } catch (error) {
    throw inUse(error) ? new PortInUseError(options.port, options.portName) : error;
  }
}

async function listen(options: ServeOptions): Promise<Served> {
  const { fetch, port, hostname = DEFAULT_HOST, graceMs = 0 } = options;
  const url = (bound: number) =>
    `http://${hostname.includes(":") ? `[${hostname}]` : hostname}:${bound}`;
  const bun = bunGlobal();
  if (bun) {
    const server = bun.serve({ port, hostname, fetch: (request) => fetch(request) });
    const close = async () => {
      if (graceMs > 0) await Promise.race([server.stop(false), delay(graceMs)]);
      await server.stop(true);
    };
    return { url: url(server.port), port: server.port, close };
  }
  const deno = denoGlobal();
  if (deno) {
    const server = deno.serve({ port, hostname, onListen: () => {} }, (request) => fetch(request));
    return { url: url(server.addr.port), port: server.addr.port, close: () => server.shutdown() };
  }
  const node = await import("@hono/node-server");
  return new Promise((resolve, reject) => {
    const server = node.serve({ fetch, port, hostname }, (info: AddressInfo) => {
      server.off("error", reject);
      const http = server as Server;
      const close = () =>
        new Promise<void>((done) => {
          http.close(() => done());
          http.closeIdleConnections();
          if (graceMs <= 0) http.closeAllConnections();
          else setTimeout(() => http.closeAllConnections(), graceMs).unref();
        });
      resolve({ url: url(info.port), port: info.port, close });
    });
    // A port in use (see serve), or a host not on this machine: the caller's to report.
    server.once("error", reject);
  });
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The parts of Bun's and Deno's globals the workspace uses, typed once, and which runtime this
 * is. Read through `globalThis` rather than `declare const Bun`: a module that declares the
 * global would fight the real type declarations (bun-types, Deno's lib) wherever they are
 * loaded, and a missing global reads as `undefined` instead of throwing.
 *
 * @module
 */

/** What `Bun.serve` returns, as used here. */
export interface BunServer {
  readonly port: number;
  /** `true` cuts open connections; otherwise in-flight requests finish first. */
  stop(closeActiveConnections?: boolean): void | Promise<void>;
}

/** The part of the `Bun` global used here. */
export interface BunGlobal {
  readonly version: string;
  serve(options: {
    port: number;
    hostname: string;
    fetch: (request: Request) => Response | Promise<Response>;
  }): BunServer;
}

/** What `Deno.serve` returns, as used here. */
export interface DenoServer {
  readonly addr: { port: number };
  /** Stops listening and resolves once in-flight requests are answered. */
  shutdown(): Promise<void>;
}

/** The part of the `Deno` global used here. */
export interface DenoGlobal {
  readonly version: { deno: string };
  serve(
    options: { port: number; hostname: string; onListen?: (addr: { port: number }) => void },
    handler: (request: Request) => Response | Promise<Response>,
  ): DenoServer;
}

/** The runtimes the workspace runs on. */
export type RuntimeName = "node" | "bun" | "deno";

/**
 * The `Bun` global, when running on Bun.
 *
 * @example
 * ```ts
 * const server = bunGlobal()?.serve({ port: 0, hostname: "127.0.0.1", fetch: app.fetch });
 * ```
 */
export function bunGlobal(): BunGlobal | undefined {
  return (globalThis as { Bun?: BunGlobal }).Bun;
}

/**
 * The `Deno` global, when running on Deno.
 *
 * @example
 * ```ts
 * const server = denoGlobal()?.serve({ port: 0, hostname: "127.0.0.1" }, app.fetch);
 * ```
 */
export function denoGlobal(): DenoGlobal | undefined {
  return (globalThis as { Deno?: DenoGlobal }).Deno;
}

/**
 * Bun first: Bun defines no `Deno`, but Deno's Node compatibility could one day define what a
 * Node check would look at.
 *
 * @example
 * ```ts
 * const driver = { bun: "bun:sqlite", deno: "node:sqlite", node: "better-sqlite3" }[runtimeName()];
 * ```
 */
export function runtimeName(): RuntimeName {
  if (bunGlobal()) return "bun";
  if (denoGlobal()) return "deno";
  return "node";
}

/**
 * Absolute paths of the runtime binaries installed in this package's node_modules. They point
 * at the binaries themselves, not at npm's shell shims, so that killing a spawned runtime kills
 * the runtime and leaves nothing behind.
 *
 * @module
 */
import { fileURLToPath } from "node:url";

const bin = (path: string) => fileURLToPath(new URL(`../node_modules/${path}`, import.meta.url));

/** The Node 24 binary, from the npm package `node@24`. */
export const node24 = bin("node24/bin/node");
/** The Bun binary, from the npm package `bun`. */
export const bun = bin("bun/bin/bun.exe");
/** The Deno binary, from the npm package `deno`. */
export const deno = bin("deno/deno");

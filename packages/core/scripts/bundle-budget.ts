/**
 * The bundle-size budget's arithmetic, apart from the build so that a test can try it: the
 * gzipped size of an ESM entry and the chunks it imports, and the verdict against the budget.
 *
 * @module
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { gzipSync } from "node:zlib";

/** How far over the recorded budget a build may grow before the check fails: 10 %. */
export const TOLERANCE = 0.1;

// Static imports and re-exports of files beside the entry (tsup's shared chunks).
const LOCAL_IMPORT = /\b(?:import|from)\s*["'](\.\.?\/[^"']+)["']/g;

/**
 * The entry file and every local file it imports, transitively, in load order: what a consumer's
 * bundler takes in. Packages (`openapi-fetch`) are not followed.
 *
 * @example
 * ```ts
 * filesOf("dist/index.js"); // ["dist/index.js", "dist/chunk-AB12CD34.js"]
 * ```
 */
export function filesOf(entry: string, seen: string[] = []): string[] {
  if (seen.includes(entry)) return seen;
  seen.push(entry);
  for (const [, path] of readFileSync(entry, "utf8").matchAll(LOCAL_IMPORT))
    filesOf(join(dirname(entry), path as string), seen);
  return seen;
}

/**
 * Gzipped bytes (zlib level 9) of the files concatenated, as one bundle would hold them.
 *
 * @example
 * ```ts
 * gzippedSize(filesOf("dist/index.js")); // 8123
 * ```
 */
export function gzippedSize(files: readonly string[]): number {
  const text = files.map((file) => readFileSync(file, "utf8")).join("\n");
  return gzipSync(text, { level: 9 }).length;
}

/**
 * A sentence on the measured size against the budget, and whether it passes: it fails past the
 * budget plus {@link TOLERANCE}.
 *
 * @example
 * ```ts
 * verdict(10_500, 10_000); // { ok: true, line: "… 10500 bytes gzipped: 5.0 % over the budget of 10000 (limit 11000)" }
 * ```
 */
export function verdict(measured: number, budget: number): { ok: boolean; line: string } {
  const limit = Math.floor(budget * (1 + TOLERANCE));
  const change = ((measured - budget) / budget) * 100;
  const relation = `${Math.abs(change).toFixed(1)} % ${change >= 0 ? "over" : "under"}`;
  const ok = measured <= limit;
  return {
    ok,
    line: `${measured} bytes gzipped: ${relation} the budget of ${budget} (limit ${limit})${ok ? "" : `; it grew by more than ${TOLERANCE * 100} %: shrink it, or raise bundle-size.json on purpose`}`,
  };
}

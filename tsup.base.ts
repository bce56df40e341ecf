/**
 * The production build every app shares (each app's `tsup.config.ts` names its entries): one
 * ESM file per entry in `dist/`, run by plain `node`.
 *
 * Workspace packages (`@mybot/*`) export their TypeScript sources, which Node cannot run, so
 * their code is bundled in. Third-party packages stay external (better-sqlite3 is native, and
 * bundling the rest would only hide what the app needs): each is resolved at run time from the
 * app's own node_modules, so the app must list it. A bundled workspace package's import of a
 * package the app does not list fails the build, instead of the app at start-up.
 *
 * @module
 */
import { readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { join } from "node:path";
import type { Options } from "tsup";

type EsbuildPlugin = NonNullable<Options["esbuildPlugins"]>[number];

const WORKSPACE = /^@mybot\//;
const builtins = new Set(builtinModules);

/** `@scope/name/sub/path` → `@scope/name`; `name/sub` → `name`. */
function packageName(specifier: string): string {
  const parts = specifier.split("/");
  return (specifier.startsWith("@") ? parts.slice(0, 2) : parts.slice(0, 1)).join("/");
}

/** Marks every third-party import external, and fails the build on one the app does not list. */
function listedDependencies(dir: string): EsbuildPlugin {
  const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  const listed = new Set(
    ["dependencies", "optionalDependencies", "peerDependencies"].flatMap((field) =>
      Object.keys(manifest[field] ?? {}),
    ),
  );
  return {
    name: "listed-dependencies",
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, ({ path, importer }) => {
        if (WORKSPACE.test(path)) return undefined;
        if (path.startsWith("node:") || builtins.has(path)) return { path, external: true };
        const name = packageName(path);
        if (listed.has(name)) return { path, external: true };
        return {
          errors: [
            {
              text: `${manifest.name} bundles an import of "${path}" (from ${importer}) but does not list "${name}" in its dependencies; add "${name}": "catalog:" there`,
            },
          ],
        };
      });
    },
  };
}

/**
 * @param entry output name → source file, e.g. `{ main: "src/main.node.ts" }` writes `dist/main.js`
 * @example
 * ```ts
 * // apps/sandbox/tsup.config.ts
 * import { defineConfig } from "tsup";
 * import { appBuild } from "../../tsup.base.ts";
 * export default defineConfig(appBuild({ main: "src/main.node.ts" }));
 * ```
 */
export function appBuild(entry: Record<string, string>, dir = process.cwd()): Options {
  return {
    entry,
    format: ["esm"],
    platform: "node",
    target: "node20",
    outDir: "dist",
    clean: true,
    sourcemap: true,
    splitting: false,
    removeNodeProtocol: false,
    noExternal: [WORKSPACE],
    esbuildPlugins: [listedDependencies(dir)],
  };
}

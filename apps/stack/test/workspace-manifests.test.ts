/**
 * The workspace is declared twice: pnpm reads `pnpm-workspace.yaml`, while `bun install` and
 * `deno install` read the root package.json's `workspaces` (its `packages` and `catalog`) and
 * Bun its `trustedDependencies`. Both runtimes rewrite package.json on a fresh clone when these
 * are missing (Bun copies them from the YAML file as it migrates pnpm's lockfile). The two must
 * say the same, or Bun and Deno users would install other versions than the lockfile's. The stack
 * is what a fresh clone runs, so the check lives here.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const root = (path: string) =>
  readFileSync(fileURLToPath(new URL(`../../../${path}`, import.meta.url)), "utf8");
const pnpm = parse(root("pnpm-workspace.yaml")) as {
  packages: string[];
  catalog: object;
  onlyBuiltDependencies: string[];
};
const manifest = JSON.parse(root("package.json")) as {
  workspaces: { packages: string[]; catalog: object };
  trustedDependencies: string[];
};

describe("the root package.json, for Bun and Deno", () => {
  it("lists the workspace packages pnpm-workspace.yaml lists", () => {
    expect(manifest.workspaces.packages).toEqual(pnpm.packages);
  });

  it("has the catalog pnpm-workspace.yaml has, version for version", () => {
    expect(manifest.workspaces.catalog).toEqual(pnpm.catalog);
  });

  it("trusts with Bun the install scripts pnpm runs", () => {
    expect([...manifest.trustedDependencies].sort()).toEqual(
      [...pnpm.onlyBuiltDependencies].sort(),
    );
  });
});

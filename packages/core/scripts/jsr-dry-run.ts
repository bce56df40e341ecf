/**
 * `deno publish --dry-run` of @mybot/core, with the Deno binary of @mybot/test-kit (a
 * devDependency, so CI needs no Deno install), then a check of what the dry run lets pass:
 * JSR rewrites each bare import through jsr.json `imports`, and one missing there is published
 * as a relative path (`./openapi-fetch`) that no consumer can resolve. Offline: the dry run
 * type-checks against node_modules and needs no registry.
 *
 * Run: `tsx scripts/jsr-dry-run.ts` (part of `pnpm lint`).
 *
 * @module
 */
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { deno } from "@mybot/test-kit";

const root = fileURLToPath(new URL("..", import.meta.url));
// When Deno cannot resolve a package it "migrates" pnpm-workspace.yaml into the root
// package.json, rewriting a file of the repository: put it back as it was.
const rootManifest = fileURLToPath(new URL("../../../package.json", import.meta.url));
const rootBefore = readFileSync(rootManifest, "utf8");
const dryRun = (debug: boolean) => {
  const run = spawnSync(deno, ["publish", "--dry-run", "--allow-dirty"], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", ...(debug ? { DENO_LOG: "debug" } : {}) },
  });
  if (readFileSync(rootManifest, "utf8") !== rootBefore) writeFileSync(rootManifest, rootBefore);
  return run;
};
const run = dryRun(true);
const output = `${run.stdout}${run.stderr}`;
const fail = (why: string): never => {
  console.error(`jsr dry run: ${why}`);
  process.exit(1);
};
if (run.error) fail(`could not start ${deno}: ${run.error.message}`);
// Deno's own words, without the debug log that the unfurl check below reads.
if (run.status !== 0) fail(`deno publish --dry-run failed:\n${dryRun(false).stderr}`);

// "Unfurled specifier: openapi-fetch from file:///…/client.ts -> npm:openapi-fetch@^0.17.0"
const unfurled = new Map<string, string>();
for (const [, from = "", to = ""] of output.matchAll(
  /Unfurled specifier: (\S+) from \S+ -> (\S+)/g,
))
  if (!from.startsWith(".") && !from.startsWith("/")) unfurled.set(from, to);
const broken = [...unfurled].filter(([, to]) => !/^(npm|jsr):/.test(to));
if (broken.length > 0)
  fail(
    `${broken.map(([from, to]) => `"${from}" would be published as "${to}"`).join("; ")}: map it in jsr.json "imports" to an npm: or jsr: specifier`,
  );

// The npm range in jsr.json must be the workspace catalog's, or JSR users get another version.
const catalog = readFileSync(new URL("../../../pnpm-workspace.yaml", import.meta.url), "utf8");
const readJson = (path: string) => JSON.parse(readFileSync(new URL(path, import.meta.url), "utf8"));
const imports: Record<string, string> = readJson("../jsr.json").imports ?? {};
const manifest = readJson("../package.json");
for (const [name, target] of Object.entries(imports)) {
  const range = new RegExp(
    `^\\s+["']?${name.replace(/[/.]/g, "\\$&")}["']?:\\s*["']?([^"'\\s]+)`,
    "m",
  );
  const wanted = catalog.match(range)?.[1];
  const declared = manifest.dependencies?.[name] ?? manifest.peerDependencies?.[name];
  const expected = declared === "catalog:" ? wanted : declared;
  if (expected && target !== `npm:${name}@${expected}`)
    fail(`jsr.json maps "${name}" to "${target}", but package.json asks for ${expected}`);
}
console.log(
  `jsr dry run: passed; bare imports published as ${[...unfurled].map(([f, t]) => `${f} -> ${t}`).join(", ")}`,
);

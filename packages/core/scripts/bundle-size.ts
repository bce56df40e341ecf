/**
 * The bundle-size budget of the core's ESM build. It builds the main entry afresh (tsup, ESM
 * only, into a temporary folder, so a stale `dist/` cannot pass) and reports its gzipped bytes:
 * as published, the budgeted figure, which fails when it grows by more than 10 % over
 * `bundle-size.json`; and, for information, minified, alone and with openapi-fetch (a
 * dependency, so external in the package, but shipped by every browser bundle of the client).
 *
 * Run: `tsx scripts/bundle-size.ts` (part of `pnpm lint`). `MYBOT_BUNDLE_BUDGET=<bytes>` overrides
 * the recorded budget, for a test of the failure.
 *
 * @module
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "tsup";
import config from "../tsup.config.ts";
import { filesOf, gzippedSize, verdict } from "./bundle-budget.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const budgetFile = join(root, "bundle-size.json");

async function esmSize(outDir: string, minify: boolean, bundleDependencies: boolean) {
  await build({
    ...config,
    config: false,
    entry: ["src/index.ts"],
    format: ["esm"],
    dts: false,
    sourcemap: false,
    outDir,
    minify,
    silent: true,
    ...(bundleDependencies ? { noExternal: ["openapi-fetch"] } : {}),
  });
  return gzippedSize(filesOf(join(outDir, "index.js")));
}

const work = mkdtempSync(join(tmpdir(), "mybot-core-size-"));
process.chdir(root);
try {
  const core = await esmSize(join(work, "core"), false, false);
  const minified = await esmSize(join(work, "minified"), true, false);
  const withFetch = await esmSize(join(work, "with-openapi-fetch"), true, true);
  const override = process.env.MYBOT_BUNDLE_BUDGET;
  const budget = override
    ? Number(override)
    : (JSON.parse(readFileSync(budgetFile, "utf8")) as Record<string, number>)["index.js.gz"];
  if (!Number.isFinite(budget) || (budget as number) <= 0) {
    console.error(
      `bundle size: the budget must be a positive number of bytes (${override ? "MYBOT_BUNDLE_BUDGET" : 'bundle-size.json "index.js.gz"'} is ${override ?? budget})`,
    );
    process.exitCode = 1;
  } else {
    const { ok, line } = verdict(core, budget as number);
    console.log(`bundle size: @mybot/core ESM (index.js and its chunks) ${line}`);
    console.log(
      `bundle size: minified (as an app's bundler ships it), ${minified} bytes gzipped; with openapi-fetch, ${withFetch} (not budgeted)`,
    );
    if (!ok) process.exitCode = 1;
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

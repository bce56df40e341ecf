/**
 * The release flow's last step, rehearsed: `pnpm publish --dry-run` packs what npm would get.
 * The published manifest must point at the built files (publishConfig), and ship them.
 */
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { expect, it } from "vitest";

it("pnpm publish --dry-run ships the build and the types, not the tests", async () => {
  const { stdout, stderr } = await promisify(execFile)(
    "pnpm",
    ["publish", "--dry-run", "--no-git-checks"],
    {
      cwd: fileURLToPath(new URL("..", import.meta.url)),
      env: { ...process.env, npm_config_loglevel: "notice" },
    },
  );
  const listing = stdout + stderr;
  for (const file of [
    "dist/index.js",
    "dist/index.cjs",
    "dist/index.d.ts",
    "dist/index.d.cts",
    "README.md",
    "LICENSE",
    "package.json",
  ]) {
    expect(listing).toContain(file);
  }
  expect(listing).not.toMatch(/\.test\.ts|test-helpers|contract\//);
  expect(listing).toContain("+ @mybot/core@");
});

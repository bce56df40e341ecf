/**
 * The pacts are committed, so a review shows how a contract changes. The consumer runs (turbo
 * runs them before this package) rewrite them; a run that changes them means the committed
 * contract is stale, and CI fails until the new one is committed.
 */
import { execFileSync } from "node:child_process";
import { expect, it } from "vitest";
import { PACTS_DIR } from "./pact-files.ts";

it("the consumer runs left the committed pacts unchanged", () => {
  let inGit = true;
  try {
    execFileSync("git", ["rev-parse", "--is-inside-work-tree"], { cwd: PACTS_DIR, stdio: "pipe" });
  } catch {
    inGit = false;
  }
  if (!inGit) return; // a source tarball has no history to compare with
  const changed = execFileSync("git", ["status", "--porcelain", "--", "."], {
    cwd: PACTS_DIR,
    encoding: "utf8",
  });
  expect(changed, "commit the regenerated pacts in contracts/pacts").toBe("");
});

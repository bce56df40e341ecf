import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

it("the committed openapi.d.ts is what the spec generates today", () => {
  const out = join(mkdtempSync(join(tmpdir(), "mybot-gen-")), "openapi.d.ts");
  const script = fileURLToPath(new URL("../../scripts/generate.mjs", import.meta.url));
  execFileSync(process.execPath, [script, out], { stdio: "pipe" });
  const committed = readFileSync(new URL("./openapi.d.ts", import.meta.url), "utf8");
  expect(readFileSync(out, "utf8"), "run `pnpm generate` and commit the result").toBe(committed);
});

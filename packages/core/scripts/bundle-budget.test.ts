import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { filesOf, gzippedSize, verdict } from "./bundle-budget.ts";

describe("the bundle-size verdict", () => {
  it("passes up to 10 % over the budget, and fails past it", () => {
    expect(verdict(10_000, 10_000).ok).toBe(true);
    expect(verdict(11_000, 10_000).ok).toBe(true);
    expect(verdict(11_001, 10_000)).toEqual({
      ok: false,
      line: "11001 bytes gzipped: 10.0 % over the budget of 10000 (limit 11000); it grew by more than 10 %: shrink it, or raise bundle-size.json on purpose",
    });
    expect(verdict(9_000, 10_000).line).toBe(
      "9000 bytes gzipped: 10.0 % under the budget of 10000 (limit 11000)",
    );
  });

  it("counts the entry and the local chunks it imports, once each, not the packages", () => {
    const dir = mkdtempSync(join(tmpdir(), "bundle-budget-"));
    try {
      const file = (name: string, text: string) => writeFileSync(join(dir, name), text);
      file(
        "index.js",
        'import { a } from "./chunk-a.js";\nimport "openapi-fetch";\nexport * from "./chunk-b.js";',
      );
      file("chunk-a.js", 'import { b } from "./chunk-b.js";\nexport const a = 1;');
      file("chunk-b.js", 'import { a } from "./chunk-a.js";\nexport const b = 2;');
      const files = filesOf(join(dir, "index.js")).map((f) => f.slice(dir.length + 1));
      expect(files).toEqual(["index.js", "chunk-a.js", "chunk-b.js"]);
      expect(gzippedSize(filesOf(join(dir, "index.js")))).toBeGreaterThan(20);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

it("the script fails, naming the sizes, when the build is over a tiny budget", async () => {
  const root = fileURLToPath(new URL("..", import.meta.url));
  const run = promisify(execFile)("npx", ["tsx", "scripts/bundle-size.ts"], {
    cwd: root,
    env: { ...process.env, MYBOT_BUNDLE_BUDGET: "1000" },
  });
  await expect(run).rejects.toMatchObject({
    code: 1,
    stdout: expect.stringMatching(
      /@mybot\/core ESM \(index\.js and its chunks\) \d+ bytes gzipped: [\d.]+ % over the budget of 1000 \(limit 1100\); it grew by more than 10 %/,
    ),
  });
});

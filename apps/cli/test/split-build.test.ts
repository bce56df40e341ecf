/**
 * The built command keeps the sandbox out of every other command: `dist/main.js` and the chunks
 * it imports statically never import better-sqlite3, hono or the sandbox's chunk, which only
 * `mybot sandbox` loads, by `import()`. Then the proof that counts: the built bin, copied beside
 * a node_modules without better-sqlite3 (as when its optional native build failed), lists users,
 * and `mybot sandbox` there says in one sentence how to add the driver.
 */
import { execFile } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { builtMain } from "@mybot/test-kit";
import { startTestSandbox, type TestSandbox } from "@mybot/test-kit/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SANDBOX_MISSING } from "../src/sandbox.ts";

const appDir = fileURLToPath(new URL("..", import.meta.url));
const exec = promisify(execFile);

/** The specifiers of a module's static imports and re-exports (esbuild's output: one per statement). */
function staticImports(code: string): string[] {
  return [
    ...code.matchAll(/^(?:import|export)\s[^;]*?\bfrom\s*"([^"]+)"|^import\s*"([^"]+)"/gms),
  ].map((m) => (m[1] ?? m[2]) as string);
}

/** Every module `entry` loads before it runs: itself and its static imports, followed through dist/. */
function staticClosure(entry: string): { files: string[]; packages: string[] } {
  const files: string[] = [];
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.includes(file)) return;
    files.push(file);
    for (const specifier of staticImports(readFileSync(file, "utf8")))
      if (specifier.startsWith(".")) visit(join(dirname(file), specifier));
      else packages.add(specifier);
  };
  visit(entry);
  return { files, packages: [...packages] };
}

describe("the built command", () => {
  const main = builtMain(appDir);

  it("loads neither SQLite's driver, nor hono, nor the sandbox's chunk, before `mybot sandbox` asks", () => {
    const lazy = [...readFileSync(main, "utf8").matchAll(/\bimport\("(\.\/[^"]+)"\)/g)].map((m) =>
      join(dirname(main), m[1] as string),
    );
    expect(lazy).toHaveLength(1); // the sandbox's chunk
    const sandboxChunk = lazy[0] as string;
    // The chunk is the sandbox indeed: it is what imports the driver and hono.
    expect(staticClosure(sandboxChunk).packages).toContain("hono");

    const { files, packages } = staticClosure(main);
    expect(files).not.toContain(sandboxChunk);
    expect(packages.filter((p) => /^(better-sqlite3|hono)(\/|$)/.test(p))).toEqual([]);
    expect(packages).toContain("openapi-fetch"); // the walk does see packages
  });

  describe("installed without better-sqlite3", () => {
    let server: TestSandbox;
    let bin: string;
    beforeAll(async () => {
      server = await startTestSandbox();
      // bin/ and dist/ as a package manager lays them out, with every dependency but the driver.
      const install = join(mkdtempSync(join(tmpdir(), "mybot-no-sqlite-")), "cli");
      cpSync(join(appDir, "bin"), join(install, "bin"), { recursive: true });
      cpSync(join(appDir, "dist"), join(install, "dist"), { recursive: true });
      const manifest = JSON.parse(readFileSync(join(appDir, "package.json"), "utf8"));
      for (const name of Object.keys(manifest.dependencies)) {
        if (name.startsWith("@mybot/")) continue; // bundled
        mkdirSync(dirname(join(install, "node_modules", name)), { recursive: true });
        symlinkSync(join(appDir, "node_modules", name), join(install, "node_modules", name));
      }
      bin = join(install, "bin", "mybot.js");
    });
    afterAll(() => server?.close());

    it("lists users", async () => {
      const { stdout } = await exec(
        process.execPath,
        [bin, "users", "--attribute", "plan=gold", "--format", "ndjson"],
        { env: { ...process.env, ...server.env } },
      );
      expect(stdout.trim().split("\n").length).toBeGreaterThan(0);
      expect(JSON.parse(stdout.split("\n")[0] as string)).toHaveProperty("channelUserId");
    });

    it("and `mybot sandbox` there says how to add the driver: it really is missing", async () => {
      const failed = await exec(process.execPath, [bin, "sandbox", "--port", "0"], {
        env: { ...process.env, SANDBOX_DB: ":memory:" },
      }).catch((error: { code: number; stderr: string }) => error);
      expect((failed as { code: number }).code).toBe(2);
      expect((failed as { stderr: string }).stderr).toContain(`mybot: ${SANDBOX_MISSING}`);
    });
  });
});

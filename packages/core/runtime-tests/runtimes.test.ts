/**
 * Runs runtime-tests/conformance.mjs against the built package on each supported runtime:
 * Node 20 (this process's), Node 24, Bun and Deno (their npm packages ship the binaries).
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { bun, DEMO_CREDENTIAL, deno, node24 } from "@mybot/test-kit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONFORMANCE_KEY, startTestServer } from "./test-server.ts";

const run = promisify(execFile);
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const script = here("./conformance.mjs");
const esm = pathToFileURL(here("../dist/index.js")).href;

const runtimes: [string, string, string[]][] = [
  ["node 20+ (this process)", process.execPath, [script]],
  ["node 24", node24, [script]],
  ["bun", bun, [script]],
  ["deno", deno, ["run", "--allow-net", "--allow-read", "--allow-env", script]],
];

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  if (!existsSync(here("../dist/index.js")))
    throw new Error("build @mybot/core first (turbo runs build before test)");
  server = await startTestServer();
});
afterAll(() => server?.close());

describe.each(runtimes)("conformance on %s", (_, binary, args) => {
  it("passes every check against the built ESM package", async () => {
    const { stdout } = await run(
      binary,
      [
        ...args,
        esm,
        server.url,
        CONFORMANCE_KEY,
        DEMO_CREDENTIAL.customerId,
        DEMO_CREDENTIAL.botKey,
      ],
      {
        timeout: 60_000,
      },
    ).catch((e) => {
      throw new Error(`${binary} failed:\n${e.stdout}\n${e.stderr}`);
    });
    expect(stdout).toContain("conformance: 14 passed, 0 failed");
  });
});

describe("CommonJS", () => {
  it("require() of the CJS build exposes the same API", async () => {
    const code = `const c = require(${JSON.stringify(here("../dist/index.cjs"))}); console.log(typeof c.createMyBotClient, typeof c.isMyBotApiError, c.VERSION)`;
    const { stdout } = await run(process.execPath, ["-e", code]);
    expect(stdout.trim()).toMatch(/^function function \d+\.\d+\.\d+$/);
  });
});

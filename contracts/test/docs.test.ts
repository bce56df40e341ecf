/**
 * `pnpm docs` builds the API reference, and headless Chromium (Debian's package, installed by
 * .ci/run) renders it from file:// with its network cut off: both endpoints must be on the page.
 */
import { execFile, execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { expect, it } from "vitest";

const run = promisify(execFile);
const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

function chromium(): string {
  for (const name of ["chromium", "chromium-browser"]) {
    try {
      return execFileSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" }).trim();
    } catch {}
  }
  throw new Error("chromium is not installed: install Debian's chromium package (.ci/run does)");
}

it("renders the API reference with both endpoints, offline", async () => {
  await run(process.execPath, [here("../scripts/build-docs.mjs")]);
  const page = here("../dist/docs/index.html");
  const html = readFileSync(page, "utf8");
  expect(html).not.toMatch(/<script[^>]+src="https?:/);
  const { stdout } = await run(
    chromium(),
    [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--proxy-server=http://127.0.0.1:9",
      `--user-data-dir=${mkdtempSync(join(tmpdir(), "chromium-"))}`,
      "--virtual-time-budget=15000",
      "--dump-dom",
      pathToFileURL(page).href,
    ],
    { maxBuffer: 64 * 1024 * 1024, timeout: 90_000 },
  );
  // Only Redoc's rendering puts these in the DOM: the embedded spec is JSON in a script.
  const rendered = stdout.replace(/<script[\s\S]*?<\/script>/g, "");
  expect(rendered).toContain("Get matching users");
  expect(rendered).toContain("Retrieve chat history for a user");
  expect(rendered).toContain("/bot-api/v1.0/customer/{customerId}/bot/{botKey}/users");
  expect(rendered).toContain("/channel-user/{channelUserId}/conversations");
});

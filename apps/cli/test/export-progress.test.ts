/**
 * `mybot export`'s progress bar as `main` wires it: drawn in place on a terminal's stderr, absent
 * from a pipe or a log (the closing line only), and its line ended before an error's sentence.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../src/main.ts";
import { type CohortVendor, startCohortVendor } from "./cohort-vendor.ts";

let vendor: CohortVendor;
beforeAll(async () => {
  vendor = await startCohortVendor(["u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8"], 4);
});
afterAll(() => vendor.close());

async function exportOn(isTTY: boolean) {
  let stderr = "";
  const out = join(mkdtempSync(join(tmpdir(), "mybot-export-")), "gold.ndjson");
  const code = await main(
    ["export", "--attribute", "plan=gold", "--out", out, "--page-size", "3"],
    {
      stdout: { isTTY, write: () => true },
      stderr: { isTTY, write: (t: string) => (stderr += t) },
      env: vendor.env,
      cwd: tmpdir(),
    },
  );
  return { code, stderr, out };
}

describe("the progress bar", () => {
  it("on a terminal: redrawn in place, its last state on a line of its own, then the summary", async () => {
    const { code, stderr, out } = await exportOn(true);
    expect(code).toBe(0);
    expect(stderr).toMatch(/^\r\[/);
    expect(stderr).toContain(`\r[########################] 8/8 users, 32 messages, `);
    expect(stderr).toMatch(new RegExp(`\\u001b\\[K\\nexported 8 users, 32 messages to ${out}\\n$`));
  });

  it("on a pipe or a file: the summary line only", async () => {
    const { code, stderr, out } = await exportOn(false);
    expect(code).toBe(0);
    expect(stderr).toBe(`exported 8 users, 32 messages to ${out}\n`);
  });

  it("stopped by an error: the bar's line is ended before the error's sentence", async () => {
    vendor.onHistory = ({ user }) => {
      // Four users are read at once: u7 is asked for once u1 is written.
      if (user === "u7") vendor.botGone = true;
    };
    try {
      const { code, stderr } = await exportOn(true);
      expect(code).toBe(4);
      expect(stderr).toMatch(/^\r\[/);
      const error = stderr.slice(stderr.lastIndexOf("\u001b[K\n") + 4);
      expect(error).toMatch(/^mybot: .*\nRun the same command again to resume the export\.\n$/);
    } finally {
      vendor.botGone = false;
      vendor.onHistory = () => {};
    }
  });
});

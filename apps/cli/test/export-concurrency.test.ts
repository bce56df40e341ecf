/**
 * `mybot export --concurrency N`: several users read at once, the output the same bytes as one
 * at a time, and `--concurrency` values that are not a count refused in one sentence.
 */
import { existsSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UsageError } from "../src/config.ts";
import { exportCohort } from "../src/export.ts";
import { main } from "../src/main.ts";
import { type CohortVendor, startCohortVendor } from "./cohort-vendor.ts";
import { clientOf, goldExport, outFile, readRecords } from "./export-harness.ts";

const USERS = Array.from({ length: 40 }, (_, i) => `u${i}`);
let vendor: CohortVendor;
beforeAll(async () => {
  vendor = await startCohortVendor(USERS, 0);
  // Histories of 0 to 12 messages (0 to 5 pages of 3), answered 0 to 14 ms late by user: later
  // users often finish before earlier ones.
  vendor.messagesOf = (user) => (Number(user.slice(1)) * 7) % 13;
  vendor.delayMs = ({ user }) => (Number(user.slice(1)) * 5) % 15;
});
afterAll(() => vendor.close());

async function exportAt(concurrency: number) {
  const out = outFile();
  vendor.mostInFlight = 0;
  const result = await exportCohort(clientOf(vendor), goldExport(out, { concurrency }));
  return { out, result, mostInFlight: vendor.mostInFlight };
}

describe("several users at once", () => {
  it("write the same bytes as one at a time, in the cohort's order", async () => {
    const one = await exportAt(1);
    expect(one.mostInFlight).toBe(1);
    const expected = readFileSync(one.out, "utf8");
    expect(
      readRecords(one.out)
        .filter((r) => r.type === "user")
        .map((r) => r.channelUserId),
    ).toEqual(USERS);
    for (const concurrency of [2, 4, 8, 32]) {
      const many = await exportAt(concurrency);
      expect(many.mostInFlight).toBeGreaterThan(1);
      expect(many.result).toEqual(one.result);
      expect(readFileSync(many.out, "utf8")).toBe(expected);
    }
  });
});

describe("--concurrency", () => {
  const run = async (value: string) => {
    let stderr = "";
    const code = await main(
      // `=`, so that "-1" reaches the check instead of reading as another flag.
      ["export", "--attribute", "plan=gold", "--out", outFile(), `--concurrency=${value}`],
      {
        stdout: { write: () => true },
        stderr: { write: (t: string) => (stderr += t) },
        env: vendor.env,
        cwd: tmpdir(),
      },
    );
    return { code, first: stderr.split("\n")[0] };
  };

  it.each(["0", "33", "-1", "1.5", "four", "", "1e1", "0x4", "999999"])(
    '"%s" is refused in one sentence naming the flag',
    async (value) => {
      const { code, first } = await run(value);
      expect(code).toBe(2);
      expect(first).toBe(`mybot: --concurrency "${value}": give a whole number from 1 to 32`);
    },
  );

  it("1 and 32 are accepted", async () => {
    for (const value of ["1", "32"]) expect((await run(value)).code).toBe(0);
  });

  it("a library caller's bad value is refused the same way, before anything is written", async () => {
    const out = outFile();
    await expect(
      exportCohort(clientOf(vendor), {
        attributeName: "plan",
        attributeValue: "gold",
        out,
        concurrency: 0,
      }),
    ).rejects.toThrow(new UsageError("concurrency 0: give a whole number from 1 to 32"));
    expect(existsSync(out)).toBe(false);
  });

  it("is in --help with its default", async () => {
    let stdout = "";
    await main(["--help"], {
      stdout: { write: (t: string) => (stdout += t) },
      stderr: { write: () => true },
      env: {},
      cwd: tmpdir(),
    });
    expect(stdout).toContain("--concurrency 1…32 users read at once (default 4)");
  });
});

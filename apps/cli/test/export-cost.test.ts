/**
 * What an export writes besides its output: the user list once, and checkpoints whose size does
 * not grow with the cohort. The cost that made 17,870 users take 74 s and write 10 GB for a
 * 9.5 MB output (issue 12) was the whole user list rewritten with every page.
 */
import { statSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportCohort } from "../src/export.ts";
import { type CohortVendor, startCohortVendor } from "./cohort-vendor.ts";
import { bytesWritten, clientOf, countingFs, outFile, readRecords } from "./export-harness.ts";

/** Ids of the length of real ones (phone numbers), so that the list weighs what it would. */
const ids = (n: number) => Array.from({ length: n }, (_, i) => `91${7_000_000_000 + i}`);
let small: CohortVendor;
let large: CohortVendor;
beforeAll(async () => {
  [small, large] = await Promise.all([
    startCohortVendor(ids(10), 2),
    startCohortVendor(ids(400), 2),
  ]);
});
afterAll(() => Promise.all([small.close(), large.close()]));

async function exportOf(vendor: CohortVendor, checkpointEvery?: { ms: number }) {
  const out = outFile();
  const { fs, log } = countingFs();
  let listMode: number | undefined;
  const result = await exportCohort(clientOf(vendor), {
    attributeName: "plan",
    attributeValue: "gold",
    out,
    fs,
    checkpointEvery,
    onProgress: () => {
      listMode ??= statSync(`${out}.users`).mode & 0o777;
    },
  });
  return { out, log, result, listMode };
}

describe("the user list", () => {
  it("is written once, in its own file of mode 0600, and removed with the checkpoint", async () => {
    const { out, log, result, listMode } = await exportOf(large, { ms: 0 });
    expect(result.users).toBe(400);
    expect(listMode).toBe(0o600);
    expect(log.renamedTo.filter((name) => name === "gold.ndjson.users")).toHaveLength(1);
    // One JSON string and a newline per id, once.
    expect(log.bytes.get("gold.ndjson.users.tmp")).toBe(400 * '"917000000000"\n'.length);
    expect(() => statSync(`${out}.users`)).toThrow();
    expect(readRecords(out).filter((r) => r.type === "user")).toHaveLength(400);
  });
});

describe("a checkpoint", () => {
  it("costs the same at 10 users and at 400, written after every page", async () => {
    const sizes = async (vendor: CohortVendor) =>
      (await exportOf(vendor, { ms: 0 })).log.writes.get("gold.ndjson.checkpoint.json.tmp") ?? [];
    const [few, many] = [await sizes(small), await sizes(large)];
    expect(many.length).toBeGreaterThan(400);
    // Only its counts grow, by their digits.
    expect(Math.max(...many) - Math.max(...few)).toBeLessThan(16);
  });

  it("on the default cadence, everything written is at most twice the output", async () => {
    const { out, log } = await exportOf(large);
    const output = statSync(out).size;
    const total = bytesWritten(log);
    expect(log.bytes.get("gold.ndjson")).toBe(output);
    expect(total / output).toBeLessThanOrEqual(2);
  });
});

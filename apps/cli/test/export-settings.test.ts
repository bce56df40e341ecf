/**
 * `exportCohort`'s tuning options: values that would hang the export or silently drop its
 * memory bound or its checkpoints are refused in one sentence before anything starts; and the
 * checkpoint cadence does what it says, by bytes and on the clock, the default included.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { basename } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UsageError } from "../src/config.ts";
import { type DurableFs, NODE_FS } from "../src/durable-file.ts";
import { type ExportOptions, exportCohort } from "../src/export.ts";
import { type CohortVendor, startCohortVendor } from "./cohort-vendor.ts";
import { clientOf, goldExport, outFile } from "./export-harness.ts";

const USERS = Array.from({ length: 30 }, (_, i) => `u${i}`);
let vendor: CohortVendor;
beforeAll(async () => {
  vendor = await startCohortVendor(USERS, 5);
});
afterAll(() => vendor.close());

describe("refused in one sentence, before any file is written", () => {
  it.each([
    ["lookaheadBytes 0: give a whole number of bytes above 0", { lookaheadBytes: 0 }],
    ["lookaheadBytes -1: give a whole number of bytes above 0", { lookaheadBytes: -1 }],
    ["lookaheadBytes NaN: give a whole number of bytes above 0", { lookaheadBytes: Number.NaN }],
    ["lookaheadBytes 0.5: give a whole number of bytes above 0", { lookaheadBytes: 0.5 }],
    [
      "checkpointEvery.ms NaN: give a number from 0 (Infinity for never)",
      { checkpointEvery: { ms: Number.NaN } },
    ],
    [
      "checkpointEvery.bytes -1: give a number from 0 (Infinity for never)",
      { checkpointEvery: { bytes: -1 } },
    ],
  ] as [string, Partial<ExportOptions>][])(
    "%s",
    async (sentence, bad) => {
      const out = outFile();
      // 0 used to hang the export for good: a few seconds is a failure.
      await expect(exportCohort(clientOf(vendor), goldExport(out, bad))).rejects.toThrow(
        new UsageError(sentence),
      );
      expect(existsSync(out)).toBe(false);
    },
    5_000,
  );
});

/** An export on `fs`'s log of checkpoints: each one's `bytes`, and the output's size then. */
async function checkpointsOf(options: Partial<ExportOptions>) {
  const out = outFile();
  const seen: { claimed: number; size: number }[] = [];
  let parts = 0;
  const fs: DurableFs = {
    ...NODE_FS,
    renameSync: (from, to) => {
      NODE_FS.renameSync(from, to);
      if (basename(String(to)) !== "gold.ndjson.checkpoint.json") return;
      const claimed = JSON.parse(readFileSync(String(to), "utf8")).bytes;
      seen.push({ claimed, size: statSync(out).size });
    },
  };
  await exportCohort(
    clientOf(vendor),
    goldExport(out, {
      fs,
      onProgress: () => parts++,
      ...options,
    }),
  );
  // The first checkpoint is the start's, before any output.
  return { atStart: seen[0], during: seen.slice(1), parts, output: statSync(out).size };
}

/** A clock that moves `step` ms each time it is read. */
function ticking(step: number) {
  let at = Date.now();
  return () => (at += step);
}

describe("the checkpoint cadence", () => {
  it("{ bytes: 1 }: one after every part, each claiming exactly the output written", async () => {
    const { atStart, during, parts } = await checkpointsOf({
      checkpointEvery: { bytes: 1, ms: Number.POSITIVE_INFINITY },
    });
    expect(atStart?.claimed).toBe(0);
    expect(parts).toBeGreaterThan(USERS.length);
    expect(during).toHaveLength(parts);
    for (const { claimed, size } of during) expect(claimed).toBe(size);
    expect(during.at(-1)?.claimed).toBeGreaterThan(0);
  });

  it("by bytes: checkpoints at least that many bytes apart, mid-run", async () => {
    const { during, output } = await checkpointsOf({
      checkpointEvery: { bytes: 2000, ms: Number.POSITIVE_INFINITY },
    });
    expect(during.length).toBeGreaterThanOrEqual(2);
    expect(during.length).toBeLessThanOrEqual(output / 2000);
    let last = 0;
    for (const { claimed, size } of during) {
      expect(claimed - last).toBeGreaterThanOrEqual(2000);
      expect(claimed).toBe(size);
      last = claimed;
    }
  });

  it.each([
    ["the defaults", {}],
    ["an explicit { ms: undefined }", { checkpointEvery: { ms: undefined } }],
  ])("%s: every second on the export's clock, mid-run", async (_, options) => {
    // 250 ms a reading, about one reading a part: a checkpoint every fourth part or so.
    const { during, parts } = await checkpointsOf({ ...options, now: ticking(250) });
    expect(during.length).toBeGreaterThan(parts / 8);
    expect(during.length).toBeLessThan(parts);
    for (const { claimed, size } of during) expect(claimed).toBe(size);
  });
});

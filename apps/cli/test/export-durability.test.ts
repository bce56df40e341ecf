/**
 * `mybot export` on a file system that fails: no checkpoint may claim output whose fsync failed.
 * On Linux a failed fsync can drop the dirty pages and the next fsync then succeeds ("fsyncgate"),
 * so a retry proves nothing. And a finished export's files go in an order a crash cannot turn
 * into a refusal.
 */
import { existsSync, readFileSync } from "node:fs";
import { basename, dirname } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DurableFs, NODE_FS } from "../src/durable-file.ts";
import { exportCohort } from "../src/export.ts";
import { type CohortVendor, startCohortVendor } from "./cohort-vendor.ts";
import { clientOf, faultyFs, goldExport, namingOpen, outFile } from "./export-harness.ts";

const USERS = ["u1", "u2", "u3", "u4", "u5", "u6"];
let vendor: CohortVendor;
beforeAll(async () => {
  vendor = await startCohortVendor(USERS, 7);
});
afterAll(() => vendor.close());

const options = (out: string, fs: DurableFs) =>
  goldExport(out, { concurrency: 1, checkpointEvery: { ms: 0 }, fs });
const isCheckpointRename = (op: string, args: unknown[]) =>
  op === "renameSync" && String(args[1]).endsWith(".checkpoint.json");

describe.each([
  ["fsync of the output fails once, then succeeds", "fsyncSync"],
  ["a write to the output fails once, then succeeds", "writeSync"],
])("%s", (_, failing) => {
  it("no checkpoint is written after the failure, and the last one claims only synced bytes", async () => {
    const out = outFile();
    let failedAt = Number.POSITIVE_INFINITY;
    let syncedBefore = -1;
    let renamesAfter = 0;
    let seen = 0;
    const { fs } = faultyFs(out, (op, count, args, state) => {
      if (count > failedAt && isCheckpointRename(op, args)) renamesAfter++;
      // The output's third such call: a checkpoint or two already stand.
      if (op === failing && args[0] === state.outFd && ++seen === 3) {
        failedAt = count;
        syncedBefore = state.synced;
        return Object.assign(new Error("EIO: i/o error"), { code: "EIO" });
      }
      return undefined;
    });
    await expect(exportCohort(clientOf(vendor), options(out, fs))).rejects.toThrow("EIO");
    expect(failedAt).toBeLessThan(Number.POSITIVE_INFINITY);
    expect(renamesAfter).toBe(0);
    const checkpoint = JSON.parse(readFileSync(`${out}.checkpoint.json`, "utf8"));
    expect(checkpoint.bytes).toBeGreaterThan(0);
    expect(checkpoint.bytes).toBeLessThanOrEqual(syncedBefore);
  });
});

it("stopped by MyBOT, a checkpoint of what was written is still recorded on the way out", async () => {
  const out = outFile();
  let renames = 0;
  const { fs } = faultyFs(out, (op, _, args) => {
    if (isCheckpointRename(op, args)) renames++;
    return undefined;
  });
  vendor.onHistory = ({ user }) => {
    if (user === "u3") vendor.botGone = true;
  };
  try {
    await expect(
      exportCohort(clientOf(vendor), { ...options(out, fs), checkpointEvery: { ms: Infinity } }),
    ).rejects.toMatchObject({ name: expect.stringMatching(/^MyBot/) });
  } finally {
    vendor.botGone = false;
    vendor.onHistory = () => {};
  }
  // The one at the start, and the one on the way out.
  expect(renames).toBe(2);
  expect(JSON.parse(readFileSync(`${out}.checkpoint.json`, "utf8")).userIndex).toBe(2);
});

it("a finished export removes its checkpoint durably before its user list", async () => {
  const out = outFile();
  const log: string[] = [];
  const fds = new Map<number, string>();
  const recording: DurableFs = {
    ...NODE_FS,
    openSync: namingOpen(fds),
    fsyncSync: (fd) => {
      log.push(`fsync ${fds.get(fd)}`);
      NODE_FS.fsyncSync(fd);
    },
    rmSync: (path, rmOptions) => {
      log.push(`rm ${basename(String(path))}`);
      NODE_FS.rmSync(path, rmOptions);
    },
  };
  await exportCohort(clientOf(vendor), options(out, recording));
  const removed = log.indexOf("rm gold.ndjson.checkpoint.json");
  expect(log.slice(removed)).toEqual([
    "rm gold.ndjson.checkpoint.json",
    `fsync ${basename(dirname(out))}`,
    "rm gold.ndjson.users",
  ]);
  expect(existsSync(`${out}.users`)).toBe(false);
});

/**
 * `mybot export` killed at any point, one user at a time and several at once, then run again:
 * the output is the same bytes as an export never stopped. A power cut is a file system on which
 * every operation after the k-th fails (nothing more reaches the disk), and which then loses any
 * part of the output written after its last fsync; Ctrl-C is the signal at the n-th request.
 */
import { existsSync, readFileSync, statSync, truncateSync } from "node:fs";
import { prng } from "@mybot/test-kit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportCohort } from "../src/export.ts";
import { type CohortVendor, startCohortVendor } from "./cohort-vendor.ts";
import { clientOf, dyingFs, goldExport, outFile } from "./export-harness.ts";

const USERS = Array.from({ length: 12 }, (_, i) => `u${i}`);
let vendor: CohortVendor;
let reference: string;
beforeAll(async () => {
  vendor = await startCohortVendor(USERS, 0);
  vendor.messagesOf = (user) => (Number(user.slice(1)) * 5) % 9;
  vendor.delayMs = ({ user, page }) => (Number(user.slice(1)) * 3 + page) % 6;
  const out = outFile();
  await exportCohort(clientOf(vendor), goldExport(out, { concurrency: 1 }));
  reference = readFileSync(out, "utf8");
});
afterAll(() => vendor.close());

/**
 * A clock that moves 300 ms per reading: the default cadence (1 s) checkpoints every few parts,
 * after the same parts in every run, so that a trial makes the counting run's operations and
 * its `lives` always ends it. On the real clock a slower trial checkpointed less and could live.
 */
function ticking() {
  let at = Date.now();
  return () => (at += 300);
}

/** The output as the next run finds it: complete, or resumed to complete. */
async function resumed(out: string, concurrency: number) {
  try {
    await exportCohort(clientOf(vendor), goldExport(out, { concurrency }));
  } catch (error) {
    // Killed between removing the checkpoint and the user list: the export had finished.
    if (!String(error).includes("exists; add --force")) throw error;
    expect(existsSync(`${out}.checkpoint.json`)).toBe(false);
  }
  return readFileSync(out, "utf8");
}

describe.each([1, 4])("at concurrency %i", (concurrency) => {
  describe.each([
    ["a checkpoint after every page", { ms: 0 }],
    ["the default cadence, on a clock", undefined],
  ])("with %s", (_, checkpointEvery) => {
    it("a power cut at any operation, then the same export: every record once", async () => {
      const counting = dyingFs("", () => false);
      await exportCohort(
        clientOf(vendor),
        goldExport(outFile(), {
          concurrency,
          checkpointEvery,
          now: ticking(),
          fs: counting.fs,
        }),
      );
      const total = counting.state.ops;
      const random = prng(concurrency * 100 + (checkpointEvery ? 1 : 2));
      for (let trial = 0; trial < 12; trial++) {
        const lives = Math.floor(random() * total);
        const out = outFile();
        const dying = dyingFs(out, (_, count) => count > lives);
        await expect(
          exportCohort(
            clientOf(vendor),
            goldExport(out, {
              concurrency,
              checkpointEvery,
              now: ticking(),
              fs: dying.fs,
            }),
          ),
        ).rejects.toThrow();
        // What was not fsync'd may be lost, in part or whole.
        if (existsSync(out)) {
          const size = statSync(out).size;
          truncateSync(
            out,
            dying.state.synced + Math.floor(random() * (size - dying.state.synced + 1)),
          );
        }
        expect(await resumed(out, concurrency), `killed after ${lives} of ${total}`).toBe(
          reference,
        );
      }
    });
  });

  it("Ctrl-C at any request, then the same export: every record once", async () => {
    vendor.requests.length = 0;
    await exportCohort(clientOf(vendor), goldExport(outFile(), { concurrency }));
    const total = vendor.requests.length;
    const random = prng(concurrency);
    for (let trial = 0; trial < 10; trial++) {
      const stopAt = 1 + Math.floor(random() * total);
      const out = outFile();
      const controller = new AbortController();
      let seen = 0;
      vendor.onHistory = () => {
        if (++seen === stopAt) controller.abort();
      };
      await expect(
        exportCohort(clientOf(vendor), goldExport(out, { concurrency, signal: controller.signal })),
      ).rejects.toMatchObject({ name: "MyBotAbortError" });
      vendor.onHistory = () => {};
      expect(await resumed(out, concurrency), `stopped at request ${stopAt}`).toBe(reference);
    }
  });
});

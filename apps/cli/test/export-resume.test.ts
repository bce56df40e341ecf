/**
 * `mybot export` after any stop, run again as it was: relative windows, users who vanished from
 * MyBOT, damaged checkpoints and `--restart`, a lying server's page numbers, and what reaches
 * the disk in which order. Every case runs one user at a time and several at once: the
 * guarantees are the same.
 */
import { createHash } from "node:crypto";
import { chmodSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { type DurableFs, NODE_FS } from "../src/durable-file.ts";
import { exportCohort } from "../src/export.ts";
import { main } from "../src/main.ts";
import { type CohortVendor, startCohortVendor } from "./cohort-vendor.ts";
import {
  clientOf,
  dyingFs,
  goldExport,
  goldExportArgs,
  namingOpen,
  outFile,
  readRecords,
} from "./export-harness.ts";

const USERS = ["u1", "u2", "u3"];
let vendor: CohortVendor;
/** The `--concurrency` of the case running. */
let current = 1;
beforeAll(async () => {
  vendor = await startCohortVendor(USERS, 7);
});
afterAll(() => vendor.close());
beforeEach(() => {
  vendor.gone.clear();
  vendor.denied.clear();
  vendor.botGone = false;
  vendor.listings = 0;
  vendor.claimedPage = undefined;
  vendor.requests.length = 0;
  vendor.onHistory = () => {};
});

/** Runs the CLI; `stopAfter` history requests, it is interrupted as Ctrl-C would. */
async function run(argv: string[], stopAfter?: number) {
  let stdout = "";
  let stderr = "";
  const controller = new AbortController();
  if (stopAfter !== undefined) {
    let seen = 0;
    vendor.onHistory = () => {
      if (++seen === stopAfter) controller.abort();
    };
  }
  const code = await main(argv, {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    env: vendor.env,
    cwd: tmpdir(),
    signal: controller.signal,
  });
  vendor.onHistory = () => {};
  return { code, stdout, stderr };
}

const exportArgs = (out: string, ...more: string[]) =>
  goldExportArgs(out, "--page-size", "3", "--concurrency", String(current), ...more);
/** Every message of every user exactly once: the export is complete and nothing is repeated. */
function expectComplete(out: string, users = USERS) {
  const lines = readRecords(out);
  const messages = lines.filter((r) => r.type === "message").map((r) => r.text);
  expect(messages).toEqual(
    users.flatMap((u) => Array.from({ length: 7 }, (_, i) => `${u} message ${i}`)),
  );
}

const UNTIL = Date.now();
/** The digest of the user list `USERS` as the export writes it. */
const USERS_SHA256 = createHash("sha256")
  .update(USERS.map((u) => `${JSON.stringify(u)}\n`).join(""))
  .digest("hex");
/** A resume position of the checkpoint below, with some fields changed. */
const resumeAt = (changes: Record<string, unknown>) => ({
  startDate: null,
  endDate: UNTIL,
  order: "oldest-first",
  page: 2,
  pageSize: 3,
  ...changes,
});
/** A checkpoint this mybot would write, on u1, with some fields changed. */
const checkpointText = (changes: Record<string, unknown>) =>
  JSON.stringify({
    version: 3,
    attributeName: "plan",
    attributeValue: "gold",
    since: null,
    until: UNTIL,
    asked: { since: null, until: null },
    pageSize: 3,
    users: { count: USERS.length, sha256: USERS_SHA256 },
    userIndex: 0,
    userStarted: false,
    resume: null,
    bytes: 0,
    messages: 0,
    missing: 0,
    ...changes,
  });

describe.each([1, 4])("at concurrency %i", (concurrency) => {
  beforeEach(() => {
    current = concurrency;
  });

  describe("export run again with the same relative window", () => {
    it("resumes in the checkpoint's window; a different --since is refused, naming both", async () => {
      const out = outFile();
      expect((await run(exportArgs(out, "--since", "30d"), 4)).code).toBe(130);
      const checkpoint = JSON.parse(readFileSync(`${out}.checkpoint.json`, "utf8"));
      expect(checkpoint.asked).toEqual({ since: "30d", until: null });

      const other = await run(exportArgs(out, "--since", "60d"));
      expect(other.code).toBe(2);
      expect(other.stderr).toContain(
        `mybot: ${out}.checkpoint.json is an export with --since "30d", and this command asks for "60d": run it as it was to resume, or add --restart`,
      );
      const none = await run(exportArgs(out));
      expect(none.code).toBe(2);
      expect(none.stderr).toContain('--since "30d", and this command asks for none');

      // `30d` is a later instant now (an hour later, so that it cannot round to the same
      // millisecond); the same text is the same export all the same.
      const realNow = Date.now;
      const later = vi.spyOn(Date, "now").mockImplementation(() => realNow() + 3_600_000);
      vendor.requests.length = 0;
      let again: Awaited<ReturnType<typeof run>>;
      try {
        again = await run(exportArgs(out, "--since", "30d"));
      } finally {
        later.mockRestore();
      }
      expect(again.code).toBe(0);
      expect(again.stderr).toMatch(/^resumed and finished 3 users, 21 messages/);
      expectComplete(out);
      // Every page of the resumed run was asked for in the checkpoint's window, not in a newly
      // resolved `30d`.
      expect(vendor.requests.length).toBeGreaterThan(0);
      for (const request of vendor.requests)
        expect([request.startDate, request.endDate]).toEqual([
          String(checkpoint.since),
          String(checkpoint.until),
        ]);
    });
  });

  describe("a user who vanished from MyBOT during the export", () => {
    it("is recorded as missing, and the export finishes", async () => {
      // Deleted after the cohort was listed: no longer listed, and their history answers 1002.
      vendor.onHistory = ({ user }) => {
        if (user === "u2") vendor.gone.add("u2");
      };
      const out = outFile();
      const { code, stderr } = await run(exportArgs(out));
      expect(code).toBe(0);
      expect(stderr).toContain("exported 3 users, 14 messages to");
      expect(stderr).toContain('(1 user no longer in MyBOT, recorded as "missing")');
      const lines = readRecords(out);
      const u2 = lines.findIndex((r) => r.type === "user" && r.channelUserId === "u2");
      expect(lines[u2 + 1]).toEqual({
        type: "missing",
        channelUserId: "u2",
        code: 1002,
        error: "INVALID_BOT_OR_CUSTOMER_ID",
      });
      expectComplete(out, ["u1", "u3"]);
    });

    it("halfway through their history: the pages read stay, then the missing record", async () => {
      // Page 2 is read with page 1 (to tell the order); page 3 finds the user gone.
      vendor.onHistory = ({ user, page }) => {
        if (user === "u1" && page === 3) vendor.gone.add("u1");
      };
      const out = outFile();
      const result = await exportCohort(clientOf(vendor), goldExport(out, { concurrency }));
      expect(result).toMatchObject({ users: 3, missing: 1, messages: 20 });
      const lines = readRecords(out);
      expect(lines.slice(0, 8).map((r) => r.type)).toEqual([
        "user",
        ...Array(6).fill("message"),
        "missing",
      ]);
      expect(lines[8]).toMatchObject({ type: "user", channelUserId: "u2" });
    });
  });

  describe("a damaged checkpoint", () => {
    it.each([
      ["not JSON", '{"version":2,"attributeName":"pl', "is damaged (not JSON)"],
      ["NUL bytes", "\u0000\u0000\u0000\u0000", "is damaged (not JSON)"],
      ["an array", "[]", "is damaged (not an object)"],
      [
        "a field of the wrong shape",
        JSON.stringify({
          version: 3,
          attributeName: "plan",
          attributeValue: "gold",
          since: null,
          until: 1,
          pageSize: 3,
          users: "u1",
        }),
        "is damaged (its `users` is not valid)",
      ],
      [
        "a started user without a position (re-read from page 1, their messages twice)",
        checkpointText({ userStarted: true, resume: null }),
        "is damaged (its `userStarted` is not valid)",
      ],
      [
        "a position without a started user (their user line never written)",
        checkpointText({ userStarted: false, resume: resumeAt({}) }),
        "is damaged (its `userStarted` is not valid)",
      ],
      [
        "a position counted with another page size",
        checkpointText({ userStarted: true, resume: resumeAt({ pageSize: 5 }) }),
        "is damaged (its `resume` is not valid)",
      ],
      [
        "a position counted in another window start",
        checkpointText({ userStarted: true, resume: resumeAt({ startDate: 1 }) }),
        "is damaged (its `resume` is not valid)",
      ],
      [
        "a position counted in another window end",
        checkpointText({ userStarted: true, resume: resumeAt({ endDate: UNTIL + 1 }) }),
        "is damaged (its `resume` is not valid)",
      ],
    ])(
      "%s: one sentence naming the file and --restart, then --restart starts over",
      async (_, text, why) => {
        const out = outFile();
        writeFileSync(out, "partial\n");
        writeFileSync(`${out}.checkpoint.json`, text);
        const refused = await run(exportArgs(out));
        expect(refused.code).toBe(2);
        expect(refused.stderr.split("\n")[0]).toBe(
          `mybot: ${out}.checkpoint.json ${why}; add --restart to the same command to discard it and the output and start over`,
        );
        const restarted = await run(exportArgs(out, "--restart"));
        expect(restarted.code).toBe(0);
        expect(restarted.stderr).toMatch(/^exported 3 users, 21 messages/);
        expectComplete(out);
      },
    );

    it("claiming more output than there is: refused, never padded with NUL bytes", async () => {
      const out = outFile();
      // Several users at once have each read page 1 and 2 before any is written: stop later.
      expect((await run(exportArgs(out), concurrency === 1 ? 4 : 8)).code).toBe(130);
      const claimed = JSON.parse(readFileSync(`${out}.checkpoint.json`, "utf8")).bytes;
      expect(claimed).toBeGreaterThan(0);
      writeFileSync(out, ""); // the data lost, the claim kept: what an unsynced crash leaves
      const { code, stderr } = await run(exportArgs(out));
      expect(code).toBe(2);
      expect(stderr).toContain(`${out} is shorter than ${out}.checkpoint.json says it is`);
      expect(readFileSync(out, "utf8")).not.toContain("\u0000");
    });

    it("from mybot's format 2 (the whole user list inside): refused, naming the format and --restart", async () => {
      const out = outFile();
      writeFileSync(out, "partial\n");
      writeFileSync(
        `${out}.checkpoint.json`,
        JSON.stringify({ ...JSON.parse(checkpointText({})), version: 2, users: USERS }),
      );
      const refused = await run(exportArgs(out));
      expect(refused.code).toBe(2);
      expect(refused.stderr.split("\n")[0]).toBe(
        `mybot: ${out}.checkpoint.json was written by another version of mybot (format 2); delete it and the output, then export again, or add --restart to the same command to discard it and the output and start over`,
      );
      expect((await run(exportArgs(out, "--restart"))).code).toBe(0);
      expectComplete(out);
    });

    it.each([
      ["missing", undefined, "cannot be read (ENOENT)"],
      ["of another cohort", '"u1"\n"u3"\n"u2"\n', "is not the user list"],
      ["cut short", '"u1"\n"u2"\n', "is not the user list"],
    ])("a user list %s: refused, naming it and --restart", async (_, text, why) => {
      const out = outFile();
      expect((await run(exportArgs(out), concurrency === 1 ? 4 : 8)).code).toBe(130);
      if (text === undefined) rmSync(`${out}.users`);
      else writeFileSync(`${out}.users`, text);
      const refused = await run(exportArgs(out));
      expect(refused.code).toBe(2);
      expect(refused.stderr.split("\n")[0]).toContain(`mybot: ${out}.users`);
      expect(refused.stderr.split("\n")[0]).toContain(why);
      expect(refused.stderr.split("\n")[0]).toMatch(/add --restart to the same command/);
      expect((await run(exportArgs(out, "--restart"))).code).toBe(0);
      expectComplete(out);
    });

    it("--help names --restart", async () => {
      expect((await run(["--help"])).stdout).toContain("--restart discards the checkpoint");
    });
  });

  describe("the checkpoint's page position", () => {
    it("is the page the CLI asked for, not the page number the server claims", async () => {
      vendor.claimedPage = 99;
      const out = outFile();
      // Pages 1 and 2 of u1 are read and written (2 to tell the order); page 3 is interrupted.
      expect((await run(exportArgs(out), 3)).code).toBe(130);
      const checkpoint = JSON.parse(readFileSync(`${out}.checkpoint.json`, "utf8"));
      // Several at once, the first 3 requests are each user's page 1: nothing is written yet.
      if (concurrency === 1)
        expect(checkpoint.resume).toMatchObject({ page: 3, order: "oldest-first" });
      expect((await run(exportArgs(out))).code).toBe(0);
      expect(vendor.requests.every((r) => r.page < 99)).toBe(true);
      expectComplete(out);
    });
  });

  describe("what reaches the disk", () => {
    it("the checkpoint is mode 0600", async () => {
      const out = outFile();
      expect((await run(exportArgs(out), 4)).code).toBe(130);
      expect(statSync(`${out}.checkpoint.json`).mode & 0o777).toBe(0o600);
    });

    it("the output is fsync'd before each checkpoint rename, and each checkpoint before its rename", async () => {
      const out = outFile();
      const log: string[] = [];
      const fds = new Map<number, string>();
      const name = (fd: number) => fds.get(fd) ?? `fd ${fd}`;
      const recording: DurableFs = {
        ...NODE_FS,
        openSync: namingOpen(fds, (path) =>
          path === out ? "out" : path.endsWith(".tmp") ? "tmp" : "dir",
        ),
        writeSync: ((fd: number, ...rest: unknown[]) => {
          log.push(`write ${name(fd)}`);
          return (NODE_FS.writeSync as (...a: unknown[]) => number)(fd, ...rest);
        }) as DurableFs["writeSync"],
        fsyncSync: (fd) => {
          log.push(`fsync ${name(fd)}`);
          NODE_FS.fsyncSync(fd);
        },
        renameSync: (from, to) => {
          log.push("rename");
          NODE_FS.renameSync(from, to);
        },
      };
      await exportCohort(
        clientOf(vendor),
        // A checkpoint after every page, as many renames as can be checked.
        goldExport(out, { fs: recording, concurrency, checkpointEvery: { ms: 0 } }),
      );
      const renames = log.flatMap((entry, i) => (entry === "rename" ? [i] : []));
      expect(renames.length).toBeGreaterThan(USERS.length * 3);
      for (const at of renames) {
        const before = log.slice(0, at);
        // The checkpoint's own bytes are on disk before it replaces the old one ...
        expect(before.at(-1)).toBe("fsync tmp");
        // ... and so is every byte of output it claims.
        const lastOutWrite = before.lastIndexOf("write out");
        if (lastOutWrite !== -1) expect(before.indexOf("fsync out", lastOutWrite)).not.toBe(-1);
        // ... and the rename itself, by syncing the directory.
        expect(log[at + 1]).toBe("fsync dir");
      }
      expectComplete(out);
    });
  });

  describe("a 1002 that does not mean the user is gone", () => {
    it("the bot deleted mid-export: the export fails resumable, nothing is recorded missing", async () => {
      vendor.onHistory = ({ user }) => {
        if (user === "u2") vendor.botGone = true;
      };
      const out = outFile();
      const failed = await run(exportArgs(out));
      expect(failed.code).toBe(4);
      expect(failed.stderr).toContain("Run the same command again to resume the export.");
      // One at a time, u1 was done before u2 was asked for; several at once, u1's later pages
      // may have failed too: the checkpoint then stands within u1.
      if (concurrency === 1)
        expect(readFileSync(`${out}.checkpoint.json`, "utf8")).toContain('"userIndex":1');
      else
        expect(
          JSON.parse(readFileSync(`${out}.checkpoint.json`, "utf8")).userIndex,
        ).toBeLessThanOrEqual(1);
      expect(readRecords(out).some((r) => r.type === "missing")).toBe(false);

      vendor.botGone = false;
      const again = await run(exportArgs(out));
      expect(again.code).toBe(0);
      expect(again.stderr).toMatch(/^resumed and finished 3 users, 21 messages to \S+\n$/);
      expect(readRecords(out).some((r) => r.type === "missing")).toBe(false);
      expectComplete(out);
    });

    it("a user still listed after their 1002: the export fails resumable", async () => {
      vendor.denied.add("u2");
      const out = outFile();
      const failed = await run(exportArgs(out));
      expect(failed.code).toBe(4);
      expect(failed.stderr).toContain("Run the same command again to resume the export.");
      expect(readFileSync(out, "utf8")).not.toContain('"missing"');

      vendor.denied.clear();
      expect((await run(exportArgs(out))).code).toBe(0);
      expectComplete(out);
    });

    it("listed ids the core refuses to send are recorded as skipped, and the export finishes", async () => {
      const odd = await startCohortVendor(["u1", "..", "a\nb", "u3"], 7);
      try {
        const out = outFile();
        const result = await exportCohort(clientOf(odd), goldExport(out, { concurrency }));
        expect(result).toMatchObject({ users: 4, messages: 14, missing: 0, skipped: 2 });
        const lines = readRecords(out);
        expect(lines.filter((r) => r.type !== "message")).toEqual([
          expect.objectContaining({ type: "user", channelUserId: "u1" }),
          expect.objectContaining({ type: "user", channelUserId: ".." }),
          { type: "skipped", channelUserId: "..", reason: 'channelUserId must not be "." or ".."' },
          expect.objectContaining({ type: "user", channelUserId: "a\nb" }),
          {
            type: "skipped",
            channelUserId: "a\nb",
            reason: "channelUserId must not contain control characters",
          },
          expect.objectContaining({ type: "user", channelUserId: "u3" }),
        ]);
        expect(odd.requests.map((r) => r.user)).not.toContain("..");
        expectComplete(out, ["u1", "u3"]);
      } finally {
        await odd.close();
      }
    });
  });

  describe("a crash between a missing user's line and its checkpoint", () => {
    // The order of lines and renames is a sequential one; several at once, random kills
    // (export-crash.test.ts) cover it.
    it.runIf(concurrency === 1)("resumed, the missing line appears exactly once", async () => {
      const out = outFile();
      let armed = false;
      // After the cut nothing reaches the disk any more, not even a checkpoint on the way out.
      const crashing = dyingFs(out, (op) => armed && op === "renameSync").fs;
      // u1 is done (its last checkpoint renamed); the next rename is the one after u2's missing line.
      vendor.onHistory = ({ user }) => {
        if (user === "u2") {
          vendor.gone.add("u2");
          armed = true;
        }
      };
      const client = clientOf(vendor);
      const options = goldExport(out, { concurrency, checkpointEvery: { ms: 0 } });
      await expect(exportCohort(client, { ...options, fs: crashing })).rejects.toThrow("power cut");
      expect(readFileSync(out, "utf8")).toContain('"type":"missing"');

      const result = await exportCohort(client, options);
      expect(result).toMatchObject({ resumed: true, missing: 1 });
      const lines = readRecords(out);
      expect(lines.filter((r) => r.type === "missing")).toEqual([
        expect.objectContaining({ channelUserId: "u2" }),
      ]);
      expect(lines.filter((r) => r.type === "user").map((r) => r.channelUserId)).toEqual(USERS);
      expectComplete(out, ["u1", "u3"]);
    });
  });

  describe("the output file", () => {
    it("is mode 0600, also when --force overwrites a file others could read", async () => {
      const out = outFile();
      expect((await run(exportArgs(out))).code).toBe(0);
      expect(statSync(out).mode & 0o777).toBe(0o600);

      writeFileSync(out, "old\n", { mode: 0o644 });
      chmodSync(out, 0o644);
      expect((await run(exportArgs(out, "--force"))).code).toBe(0);
      expect(statSync(out).mode & 0o777).toBe(0o600);
    });

    it("empty and without a checkpoint (killed before the first one): the same command runs", async () => {
      const out = outFile();
      writeFileSync(out, "");
      const { code, stderr } = await run(exportArgs(out));
      expect(stderr).toMatch(/^exported 3 users, 21 messages/);
      expect(code).toBe(0);
      expectComplete(out);
    });

    it("not empty and without a checkpoint: refused without --force", async () => {
      const out = outFile();
      writeFileSync(out, "mine\n");
      const { code, stderr } = await run(exportArgs(out));
      expect(code).toBe(2);
      expect(stderr).toContain(`${out} exists; add --force to overwrite it`);
      expect(readFileSync(out, "utf8")).toBe("mine\n");
    });
  });

  describe("--restart", () => {
    it("keeps the checkpoint when the cohort cannot be listed", async () => {
      const out = outFile();
      expect((await run(exportArgs(out), 4)).code).toBe(130);
      const before = readFileSync(`${out}.checkpoint.json`, "utf8");
      const output = readFileSync(out, "utf8");
      const list = readFileSync(`${out}.users`, "utf8");

      vendor.botGone = true;
      const failed = await run(exportArgs(out, "--restart"));
      expect(failed.code).toBe(4);
      expect(readFileSync(`${out}.checkpoint.json`, "utf8")).toBe(before);
      expect(readFileSync(out, "utf8")).toBe(output);
      expect(readFileSync(`${out}.users`, "utf8")).toBe(list);

      vendor.botGone = false;
      const again = await run(exportArgs(out));
      expect(again.code).toBe(0);
      expect(again.stderr).toMatch(/^resumed and finished/);
      expectComplete(out);
    });
  });
});

/**
 * `pnpm bench` for the exporter's state (issue 12): a synthetic state of 1,000,000 tracked users
 * in five cohorts (`--quick` or BENCH_QUICK=1: 100,000), opened in a child process as the
 * exporter opens it at start. Prints, each next to its goal and as a ratio to the JSON state file
 * it replaced (measured in this run, in a child process of its own):
 * - restart to ready (open, counters, the user index) — goal <= 10 s;
 * - RSS after loading — goal <= 1 GB;
 * - the commit after a poll that touched 1% of the users — goal <= 200 ms (the median of three
 *   polls, each touching other users; the first, with SQLite's cache cold, is shown beside it).
 * A benchmark, not a test: it prints figures and never fails on them.
 */
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { quick } from "./quick.ts";
import { COHORTS, createSyntheticDb, writeSyntheticJson } from "./synthetic-state.ts";

const USERS = quick ? 100_000 : 1_000_000;
const root = mkdtempSync(join(tmpdir(), "mybot-exporter-state-bench-"));
const child = fileURLToPath(new URL("./state-child.ts", import.meta.url));

async function measure(mode: "sqlite" | "json", dir: string) {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ["--import", "tsx", child, mode, dir, String(USERS)],
    { maxBuffer: 1 << 20 },
  );
  return JSON.parse(stdout.trim().split("\n").pop() as string) as {
    readyMs: number;
    rss: number;
    commitMs: number;
    scrapeMs?: number;
    readMs?: number;
    rows?: number;
    checkpointMs?: number;
    coldCommitMs?: number;
    seedMs?: number;
    scheduledRss?: number;
  };
}

const sqliteDir = join(root, "sqlite");
const jsonDir = join(root, "json");
mkdirSync(jsonDir);
let t = performance.now();
createSyntheticDb(sqliteDir, USERS);
const createdS = (performance.now() - t) / 1000;
writeSyntheticJson(jsonDir, USERS);
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
const sizes = `${mb(statSync(join(sqliteDir, "state.db")).size)} MB of SQLite, ${mb(statSync(join(jsonDir, "state.json")).size)} MB of JSON`;

t = performance.now();
const db = await measure("sqlite", sqliteDir);
const json = await measure("json", jsonDir);
rmSync(root, { recursive: true, force: true });

const ratio = (a: number, b: number) => (a / b).toFixed(3);
const touched = USERS / 100;
console.log(
  `exporter state benchmark (${process.version}), ${USERS} users in ${COHORTS.length} cohorts${quick ? " (quick)" : ""}: ${sizes}, created in ${createdS.toFixed(1)} s in one transaction`,
);
console.log(
  `  restart to ready: ${(db.readyMs / 1000).toFixed(2)} s (goal <= 10 s); JSON state ${(json.readyMs / 1000).toFixed(2)} s; ratio ${ratio(db.readyMs, json.readyMs)}`,
);
console.log(
  `  RSS after loading: ${mb(db.rss)} MB (goal <= 1024 MB); JSON state ${mb(json.rss)} MB; ratio ${ratio(db.rss, json.rss)}`,
);
console.log(
  `  and the read schedule seeded from it: ${((db.seedMs ?? 0) / 1000).toFixed(2)} s more, so ready in ${((db.readyMs + (db.seedMs ?? 0)) / 1000).toFixed(2)} s (goal <= 10 s) at an RSS of ${mb(db.scheduledRss ?? 0)} MB (goal <= 1024 MB)`,
);
console.log(
  `  state save after a poll that touched 1% (${touched} users): ${db.commitMs.toFixed(0)} ms, ${db.rows} rows (goal <= 200 ms; median of 3 polls, the first ${db.coldCommitMs?.toFixed(0)} ms); JSON state rewritten whole ${json.commitMs.toFixed(0)} ms; ratio ${ratio(db.commitMs, json.commitMs)}`,
);
console.log(
  `  then the checkpoint after each poll, off the save's path: ${db.checkpointMs?.toFixed(0)} ms; reading those ${touched} users' cursors from the file: ${db.readMs?.toFixed(0)} ms; active users of every cohort, as a scrape counts them: ${db.scrapeMs?.toFixed(1)} ms`,
);

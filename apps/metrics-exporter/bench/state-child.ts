/**
 * One side of bench/state.ts, in a process of its own so that its RSS is its own:
 * `sqlite <dir> <users>` opens the state store as the exporter does at start, then reads and
 * commits 1% of the users; `json <dir> <users>` does the same with the JSON file the store
 * replaced (loaded whole, rewritten whole). Prints one JSON line of figures.
 */
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from "node:fs";
import { join } from "node:path";
import { CohortMembers } from "../src/cohort-members.ts";
import { WINDOWS } from "../src/metrics.ts";
import { openStateStore } from "../src/open-state-store.ts";
import { ReadSchedule } from "../src/read-schedule.ts";
import type { ExporterState, UserState } from "../src/state.ts";
import { legacyStateFile, stateFile } from "../src/state.ts";
import { userOf } from "./synthetic-state.ts";

const [mode, dir, usersArg] = process.argv.slice(2) as [string, string, string];
const users = Number(usersArg);
const touched = Math.floor(users / 100);
const ms = (since: number) => performance.now() - since;

function sqlite() {
  let t = performance.now();
  const store = openStateStore(dir, stateFile(), legacyStateFile());
  const readyMs = ms(t);
  const rss = process.memoryUsage().rss;
  const cohorts = [...store.index.keys()].sort();
  // And the read schedule seeded from it, as the collector does at start (no re-read).
  t = performance.now();
  const members = new CohortMembers(
    new ReadSchedule({ maxStalenessMs: 3_600_000, minIntervalMs: 30_000 }),
  );
  for (const cohort of cohorts) members.seed(cohort, store.index.get(cohort), Date.now());
  const seedMs = ms(t);
  const scheduledRss = process.memoryUsage().rss;
  t = performance.now();
  const at = Date.now();
  for (const cohort of cohorts)
    store.activeUsers(
      cohort,
      Object.values(WINDOWS).map((w) => at - w),
    );
  const scrapeMs = ms(t);
  // Three polls, each touching a different 1% of the users: the first finds SQLite's cache cold.
  const polls: { readMs: number; commitMs: number; rows: number; checkpointMs: number }[] = [];
  for (let poll = 0; poll < 3; poll++) {
    t = performance.now();
    for (let i = 0; i < touched; i++) {
      const [cohort, id] = userOf(i * 97 + poll * 31, cohorts);
      const handle = store.cohort(cohort);
      const user = handle.read(id);
      user.cursor = at + poll;
      user.idsAtCursor = [`fp-${i.toString(16).padStart(16, "0")}`];
      user.lastAt = at + poll;
      user.lastReadAt = at + poll;
      handle.counts.messages.user++;
      handle.changed(id, user);
    }
    const readMs = ms(t);
    t = performance.now();
    store.commit();
    const commitMs = ms(t);
    t = performance.now();
    store.checkpoint();
    polls.push({ readMs, commitMs, rows: store.lastCommitChanges, checkpointMs: ms(t) });
  }
  const median = (key: "readMs" | "commitMs" | "checkpointMs") =>
    polls.map((p) => p[key]).sort((a, b) => a - b)[1] as number;
  const [readMs, commitMs, checkpointMs] = [
    median("readMs"),
    median("commitMs"),
    median("checkpointMs"),
  ];
  const coldCommitMs = polls[0]?.commitMs;
  const rows = polls[1]?.rows;
  store.close();
  return {
    readyMs,
    rss,
    seedMs,
    scheduledRss,
    scrapeMs,
    readMs,
    commitMs,
    coldCommitMs,
    rows,
    checkpointMs,
  };
}

/** The JSON file as the exporter before SQLite saved it: whole, fsynced, renamed over. */
function saveJson(path: string, state: unknown) {
  const bytes = Buffer.from(JSON.stringify(state));
  const fd = openSync(`${path}.tmp`, "w", 0o600);
  for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
  fsyncSync(fd);
  closeSync(fd);
  renameSync(`${path}.tmp`, path);
}

function json() {
  const path = join(dir, "state.json");
  let t = performance.now();
  const state = JSON.parse(readFileSync(path, "utf8")) as ExporterState & {
    cohorts: Record<string, { users: Record<string, UserState> }>;
  };
  const readyMs = ms(t);
  const rss = process.memoryUsage().rss;
  const cohorts = Object.keys(state.cohorts).sort();
  const at = Date.now();
  for (let i = 0; i < touched; i++) {
    const [cohort, id] = userOf(i * 97, cohorts);
    const user = state.cohorts[cohort]?.users[id] as UserState;
    user.cursor = at;
    user.lastAt = at;
  }
  t = performance.now();
  saveJson(path, state);
  return { readyMs, rss, commitMs: ms(t) };
}

console.log(JSON.stringify(mode === "sqlite" ? sqlite() : json()));

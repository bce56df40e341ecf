/**
 * The state's SQLite file: opened in WAL mode with `synchronous = NORMAL`, readable by its owner
 * only as it holds user ids, and refused in one sentence when it is damaged, not the exporter's,
 * or of a newer schema. NORMAL, SQLite's advice for WAL, keeps every commit across a crash of
 * the process (kill -9 included) and the file consistent across a power cut, which may take back
 * the commits since the last checkpoint (their reads are then made again, counted once); FULL
 * would fsync each commit, about doubling its cost on a slow disk. A user row holds the cursor; the cohort rows hold the counts as JSON (a few
 * hundred bytes each); `counters` the request and poll-error counters.
 *
 * @module
 */
import { chmodSync, existsSync, mkdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { openDatabaseSync, type SqlDatabase } from "@mybot/sqlite";
import {
  type CohortState,
  type ExporterState,
  StateFileError,
  stateFile,
  unusable,
} from "./state.ts";
import { withLock } from "./state-lock.ts";

const APPLICATION = "mybot-metrics-exporter";
/**
 * SQLite copies the journal into the file itself (a checkpoint) once it holds this many pages
 * (64 MB): a backstop, as the store checkpoints after each poll, off the commits' path.
 */
const WAL_PAGES = 65_536;
const PAGE_SIZE = 1024;
/** Dirty pages a commit keeps in memory rather than spilling to the journal mid-way (KiB). */
const CACHE_KIB = 65_536;
/** The journal is truncated to this after a checkpoint, not left at its high-water mark. */
const JOURNAL_LIMIT = 64 * 1024 * 1024;
/** Raised when the tables change; an older exporter then refuses the file instead of guessing. */
export const SCHEMA_VERSION = 1;

const SCHEMA = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE cohorts (name TEXT PRIMARY KEY, counts TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE counters (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE users (
  cohort TEXT NOT NULL,
  user_id TEXT NOT NULL,
  cursor INTEGER,
  ids_at_cursor TEXT NOT NULL,
  last_at INTEGER,
  pending_user_at INTEGER,
  last_user_message_at INTEGER,
  left INTEGER NOT NULL,
  last_read_at INTEGER,
  PRIMARY KEY (cohort, user_id)
) WITHOUT ROWID;
INSERT INTO meta VALUES ('application', '${APPLICATION}'), ('schema_version', '${SCHEMA_VERSION}');
`;

/**
 * What a driver's error says went wrong with the file, without its stack.
 *
 * @example
 * ```ts
 * throw unusable(path, sqliteProblem(error)); // "… it is damaged (SQLite says …)"
 * ```
 */
export function sqliteProblem(error: unknown): string {
  const e = error as { code?: string; errcode?: number; errstr?: string; message?: string };
  const code = typeof e.code === "string" && e.code.startsWith("SQLITE_") ? e.code : undefined;
  if (
    code === "SQLITE_BUSY" ||
    code === "SQLITE_LOCKED" ||
    /database is locked/i.test(e.message ?? "")
  )
    return "another process has it open (another exporter with the same state_path and shard?)";
  if (code === "SQLITE_NOTADB" || /not a database/i.test(e.message ?? ""))
    return "it is not a SQLite database (a damaged file, or another kind of file)";
  if (code?.startsWith("SQLITE_CORRUPT") || /malformed/i.test(e.message ?? ""))
    return "it is damaged (SQLite says the database disk image is malformed)";
  return `it cannot be opened (${code ?? e.errstr ?? e.message ?? "error"})`;
}

/** Creates the tables in an empty file, or says why the file is not a state this exporter reads. */
function verify(db: SqlDatabase): string | undefined {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all();
  if (tables.length === 0) {
    // A commit rewrites each page holding a user read: 1% of a million users touch as many
    // pages, so small pages write a quarter of the bytes (a commit 95 → 70 ms in bench/state.ts).
    db.exec(`PRAGMA page_size = ${PAGE_SIZE}`);
    db.transaction(() => db.exec(SCHEMA));
    return undefined;
  }
  // Damage deep in the file would otherwise surface mid-load, or mid-run: about 0.2 s at 1M users.
  const check = db.prepare("PRAGMA quick_check(1)").get() as { quick_check?: string } | undefined;
  if (check?.quick_check !== "ok")
    return "it is damaged (SQLite says the database disk image is malformed)";
  if (!tables.some((t) => (t as { name: string }).name === "meta"))
    return "it is not an exporter state";
  const meta = new Map(
    (db.prepare("SELECT key, value FROM meta").all() as { key: string; value: string }[]).map(
      (r) => [r.key, r.value],
    ),
  );
  if (meta.get("application") !== APPLICATION) return "it is not an exporter state";
  const version = Number(meta.get("schema_version"));
  if (version > SCHEMA_VERSION)
    return `its schema version ${version} is newer than this exporter's (${SCHEMA_VERSION}): run that newer exporter`;
  if (version !== SCHEMA_VERSION)
    return `its schema version ${meta.get("schema_version")} is unknown`;
  return undefined;
}

/**
 * Opens the state file of a directory, creating both when missing. `lock` false reads it beside
 * a running exporter (tests, tools) and must not write.
 *
 * @throws StateFileError when the file exists but cannot be resumed from; the file system's own
 * error when a new one cannot be created (the caller retries later)
 * @example
 * ```ts
 * const db = openStateDb("/var/lib/mybot-exporter", stateFile(0, 1));
 * ```
 */
export function openStateDb(dir: string, file = stateFile(), lock = true): SqlDatabase {
  const path = join(dir, file);
  const existed = existsSync(path);
  if (existed && !statSync(path).isFile()) throw unusable(path, "it is not a file");
  if (!existed) mkdirSync(dir, { recursive: true, mode: 0o700 });
  let db: SqlDatabase | undefined;
  try {
    db = openDatabaseSync(path);
    // A file of an earlier version, or copied in, may be world-readable: it holds user ids.
    for (const f of [path, `${path}-wal`, `${path}-shm`]) if (existsSync(f)) chmodSync(f, 0o600);
    db.exec("PRAGMA busy_timeout = 5000");
    if (lock) db = withLock(db, path);
    const problem = verify(db);
    if (problem) throw unusable(path, problem);
    db.exec(
      `PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = ${WAL_PAGES}; PRAGMA journal_size_limit = ${JOURNAL_LIMIT}; PRAGMA cache_size = -${CACHE_KIB}`,
    );
    return db;
  } catch (error) {
    db?.close();
    if (error instanceof StateFileError) throw error;
    if (!existed) throw error;
    throw unusable(path, sqliteProblem(error));
  }
}

/**
 * The counters a state file holds (the last commit), without its users.
 *
 * @example
 * ```ts
 * const counts = readCounters(db).cohorts.gold?.messages;
 * ```
 */
export function readCounters(db: SqlDatabase): ExporterState {
  const state: ExporterState = { version: 1, cohorts: {} };
  for (const row of db.prepare("SELECT name, counts FROM cohorts").all() as {
    name: string;
    counts: string;
  }[])
    state.cohorts[row.name] = JSON.parse(row.counts) as CohortState;
  for (const row of db.prepare("SELECT name, value FROM counters").all() as {
    name: "api" | "pollErrors" | "budget";
    value: string;
  }[])
    state[row.name] = JSON.parse(row.value);
  return state;
}

/**
 * The counters saved in a directory's state file, or none when there is no file yet: what a
 * restart would show. For tests and tools; the exporter itself opens a StateStore.
 *
 * @throws StateFileError when the file exists but cannot be resumed from
 * @example
 * ```ts
 * loadState(".data/exporter-state").cohorts.gold?.messages.user;
 * ```
 */
export function loadState(dir: string, file = stateFile()): ExporterState {
  if (!existsSync(join(dir, file))) return { version: 1, cohorts: {} };
  const db = openStateDb(dir, file, false);
  try {
    return readCounters(db);
  } finally {
    db.close();
  }
}

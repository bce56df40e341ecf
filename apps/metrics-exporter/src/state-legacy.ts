/**
 * The JSON state file of earlier versions, moved into the SQLite file once at start, in one
 * transaction, then renamed `*.migrated`: an upgrade keeps every cursor and counter. A crash
 * between the commit and the rename is recognised by the file name the commit recorded, so the
 * next start renames without migrating twice. The old exporter read every user on every poll,
 * so each user's last read is taken as the file's last write: the schedule goes on from there,
 * rather than treating everyone as never read (not ready for a whole pass).
 *
 * @module
 */
import { existsSync, readFileSync, renameSync, statSync } from "node:fs";
import { join } from "node:path";
import type { SqlDatabase } from "@mybot/sqlite";
import type { ApiStats } from "./api-metrics.ts";
import { type CohortState, type UserState, unusable } from "./state.ts";
import { UPSERT_USER, userParams } from "./user-rows.ts";

interface LegacyState {
  version: 1;
  cohorts: Record<string, CohortState & { users?: Record<string, UserState> }>;
  api?: ApiStats;
  pollErrors?: Record<string, number>;
}

/** The state the text holds, or why it holds none this exporter can resume from. */
function parseLegacy(text: string): LegacyState | string {
  let state: unknown;
  try {
    state = JSON.parse(text);
  } catch {
    return "it is not valid JSON (a truncated or damaged file)";
  }
  if (typeof state !== "object" || state === null) return "it is not an exporter state";
  const { version, cohorts } = state as Partial<LegacyState>;
  if (version !== 1) return `its version ${JSON.stringify(version)} is not 1`;
  if (typeof cohorts !== "object" || cohorts === null) return "it has no cohorts";
  return state as LegacyState;
}

/**
 * Moves a JSON state file, if there is one, into the database; returns how many users it held.
 *
 * @throws StateFileError naming the JSON file when it cannot be read or is not a state, or when
 * the database already holds another state
 * @example
 * ```ts
 * migrateLegacyState(db, "/var/lib/mybot-exporter", "state.json");
 * ```
 */
export function migrateLegacyState(db: SqlDatabase, dir: string, file: string): number {
  const path = join(dir, file);
  if (!existsSync(path)) return 0;
  const migrated = db.prepare("SELECT value FROM meta WHERE key = 'migrated_from'").get() as
    | { value: string }
    | undefined;
  if (migrated?.value === file) {
    renameSync(path, `${path}.migrated`);
    return 0;
  }
  let text: string;
  let writtenAt: number;
  try {
    writtenAt = Math.floor(statSync(path).mtimeMs);
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw unusable(path, `it cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"})`);
  }
  const state = parseLegacy(text);
  if (typeof state === "string") throw unusable(path, state);
  if (db.prepare("SELECT 1 FROM cohorts LIMIT 1").get() !== undefined)
    throw unusable(path, "the database beside it already holds a state, and only one can be kept");
  let users = 0;
  db.transaction(() => {
    const upsert = db.prepare(UPSERT_USER);
    const cohort = db.prepare("INSERT INTO cohorts (name, counts) VALUES (?, ?)");
    for (const [name, { users: byId = {}, ...counts }] of Object.entries(state.cohorts)) {
      cohort.run(name, JSON.stringify(counts));
      for (const [id, user] of Object.entries(byId)) {
        const idsAtCursor = user.idsAtCursor ?? [];
        upsert.run(...userParams(name, id, { ...user, idsAtCursor, lastReadAt: writtenAt }));
        users++;
      }
    }
    const counter = db.prepare("INSERT INTO counters (name, value) VALUES (?, ?)");
    if (state.api) counter.run("api", JSON.stringify(state.api));
    if (state.pollErrors) counter.run("pollErrors", JSON.stringify(state.pollErrors));
    db.prepare("INSERT INTO meta (key, value) VALUES ('migrated_from', ?)").run(file);
  });
  renameSync(path, `${path}.migrated`);
  return users;
}

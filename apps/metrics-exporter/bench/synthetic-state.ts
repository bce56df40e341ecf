/**
 * A synthetic exporter state for bench/state.ts: users spread over a few cohorts, each with a
 * cursor, a key at it, and activity over the last 30 days, written as the SQLite file the
 * exporter keeps and as the JSON file it replaced.
 *
 * @module
 */
import { closeSync, openSync, writeSync } from "node:fs";
import { join } from "node:path";
import { newUser } from "../src/apply.ts";
import { emptyCohort, type UserState } from "../src/state.ts";
import { openStateDb } from "../src/state-db.ts";
import { UPSERT_USER, userParams } from "../src/user-rows.ts";

export const COHORTS = ["gold", "instagram", "telegram", "web", "whatsapp"];
const DAY = 86_400_000;

/**
 * The i-th user: its cohort (users take turns) and its channel user id.
 *
 * @example
 * ```ts
 * const [cohort, id] = userOf(7, COHORTS);
 * ```
 */
export const userOf = (i: number, cohorts: readonly string[] = COHORTS) =>
  [cohorts[i % cohorts.length] as string, `91${String(i).padStart(10, "0")}`] as const;

function syntheticUser(i: number, now: number): UserState {
  const at = now - ((i * 7919) % (30 * DAY));
  return {
    ...newUser(),
    cursor: at,
    idsAtCursor: [`fp-${(i * 2654435761).toString(16).padStart(16, "0").slice(-16)}`],
    lastAt: at,
    lastUserMessageAt: at - 1000,
    lastReadAt: now - (i % 3_600_000),
  };
}

const counts = (n: number) => ({
  ...emptyCohort(),
  userCount: n,
  messages: { user: n * 20, bot: n * 20, agent: n },
});

/**
 * Writes the state database of `users` users, in one transaction.
 *
 * @example
 * ```ts
 * createSyntheticDb(dir, 100_000);
 * ```
 */
export function createSyntheticDb(dir: string, users: number, now = Date.now()): void {
  const db = openStateDb(dir, "state.db");
  db.transaction(() => {
    const insert = db.prepare(UPSERT_USER);
    for (let i = 0; i < users; i++) {
      const [cohort, id] = userOf(i);
      insert.run(...userParams(cohort, id, syntheticUser(i, now)));
    }
    const cohort = db.prepare("INSERT INTO cohorts (name, counts) VALUES (?, ?)");
    for (const name of COHORTS)
      cohort.run(name, JSON.stringify(counts(Math.ceil(users / COHORTS.length))));
  });
  db.close();
}

/**
 * Writes the same state as the JSON file of earlier versions, a user at a time.
 *
 * @example
 * ```ts
 * writeSyntheticJson(dir, 100_000);
 * ```
 */
export function writeSyntheticJson(dir: string, users: number, now = Date.now()): void {
  const fd = openSync(join(dir, "state.json"), "w", 0o600);
  // Written in chunks of about a megabyte: one write per user would be a million system calls.
  let chunk = "";
  const out = (text: string) => {
    chunk += text;
    if (chunk.length < 1 << 20) return;
    writeSync(fd, chunk);
    chunk = "";
  };
  out('{"version":1,"cohorts":{');
  for (const [c, name] of COHORTS.entries()) {
    const head = JSON.stringify(counts(Math.ceil(users / COHORTS.length))).slice(0, -1);
    out(`${c ? "," : ""}${JSON.stringify(name)}:${head},"users":{`);
    for (let i = c, first = true; i < users; i += COHORTS.length, first = false)
      out(`${first ? "" : ","}"${userOf(i)[1]}":${JSON.stringify(syntheticUser(i, now))}`);
    out("}}");
  }
  out("}}");
  writeSync(fd, chunk);
  closeSync(fd);
}

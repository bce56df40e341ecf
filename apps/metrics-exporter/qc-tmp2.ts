import { openStateDb } from "./src/state-db.ts";
import { UPSERT_USER } from "./src/user-rows.ts";
import { userOf } from "./bench/synthetic-state.ts";
const ps = Number(process.argv[2] ?? 0);
const db = openStateDb("/tmp/qc/db", "state.db");
const cohorts = ["gold", "instagram", "telegram", "web", "whatsapp"];
for (let poll = 0; poll < 4; poll++) {
  const users = [] as [string, string][];
  for (let i = 0; i < 10000; i++) users.push(userOf(i * 97 + poll * 31, cohorts) as [string, string]);
  users.sort((a, b) => (a[0] + "\0" + a[1] < b[0] + "\0" + b[1] ? -1 : 1));
  const t0 = performance.now();
  db.exec("BEGIN IMMEDIATE");
  const up = db.prepare(UPSERT_USER);
  for (const [c, id] of users) up.run(c, id, poll, JSON.stringify([`fp-${id}`]), poll, null, poll, 0, poll);
  const t1 = performance.now();
  db.exec("COMMIT");
  const t2 = performance.now();
  const wal = (db.prepare("PRAGMA wal_checkpoint(TRUNCATE)").get());
  const t3 = performance.now();
  console.log(`upserts ${(t1 - t0).toFixed(0)} commit ${(t2 - t1).toFixed(0)} checkpoint ${(t3-t2).toFixed(0)}`);
}
db.close();

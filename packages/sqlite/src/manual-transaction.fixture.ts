/** Run by manual-transaction.test.ts on Node 24: a failed COMMIT on node:sqlite, then more. */
import { createRequire } from "node:module";
import { withTestTables } from "./manual-transaction.tables.ts";

interface NodeSqlite {
  exec(sql: string): void;
  prepare(sql: string): { run(...p: unknown[]): unknown; all(): unknown[] };
  readonly isTransaction: boolean;
}
// Required, not imported: this package's Node types (20) do not know node:sqlite.
const { DatabaseSync } = createRequire(import.meta.url)("node:sqlite") as {
  DatabaseSync: new (path: string) => NodeSqlite;
};
const db = new DatabaseSync(":memory:");
const { transaction, insert } = withTestTables(db);
let message = "committed";
try {
  transaction(() => {
    insert(1);
    db.prepare("INSERT INTO child VALUES (7)").run();
  });
} catch (error) {
  message = (error as Error).message;
}
const open = db.isTransaction;
transaction(() => insert(2));
transaction(() => transaction(() => insert(3)));
const rows = db.prepare("SELECT x FROM t ORDER BY x").all() as { x: number }[];
console.log(`${message} | ${open} | ${rows.map((r) => r.x).join(",")}`);

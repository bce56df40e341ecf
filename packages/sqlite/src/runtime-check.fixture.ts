/** Run by open-database.test.ts under Bun and Deno: prints each way's driver, and the mode. */
import { statSync } from "node:fs";
import process from "node:process";
import { openDatabase, openDatabaseSync } from "./open-database.ts";

const path = process.argv[process.argv.length - 1] as string;
const sync = openDatabaseSync(path);
sync.exec("CREATE TABLE t (x INTEGER)");
sync.transaction(() => sync.prepare("INSERT INTO t VALUES (?)").run(1));
sync.close();
const async = await openDatabase(path);
const row = async.prepare("SELECT count(*) AS n FROM t").get() as { n: number };
if (Number(row.n) !== 1) throw new Error(`expected one row, found ${row.n}`);
async.close();
console.log(sync.name, async.name, (statSync(path).mode & 0o777).toString(8));

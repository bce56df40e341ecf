import { openDatabaseSync } from "@mybot/sqlite";
const db = openDatabaseSync(process.argv[2]);
db.exec(`PRAGMA journal_mode = DELETE; PRAGMA page_size = ${process.argv[3]}; VACUUM; PRAGMA journal_mode = WAL`);
console.log(db.prepare("PRAGMA page_size").get(), db.prepare("PRAGMA page_count").get());
db.close();

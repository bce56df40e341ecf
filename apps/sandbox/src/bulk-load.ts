/**
 * Fills a SQLite file with generated data, fast (one transaction per 500 users), for benchmarks:
 * the sandbox's and the exporter's. Returns the users with at least one full 500-message page and
 * a sample of emails, which the loads use.
 *
 * @module
 */
import { existsSync, rmSync } from "node:fs";
import { openDatabase } from "@mybot/sqlite";
import { DEMO_CREDENTIAL } from "./demo.ts";
import { DEFAULT_END_TIME, generateUsers } from "./generator.ts";
import { createSqliteStore } from "./store/sqlite-store.ts";

/**
 * @example
 * ```ts
 * await bulkLoad("/tmp/bench.db", 10_000, 100);
 * ```
 */
export async function bulkLoad(path: string, users: number, messagesPerUser: number) {
  for (const suffix of ["", "-wal", "-shm"]) if (existsSync(path + suffix)) rmSync(path + suffix);
  const store = createSqliteStore(await openDatabase(path));
  const { customerId, botKey, apiKey } = DEMO_CREDENTIAL;
  store.putKey({ key: apiKey, customerId, botKey, status: "active" });
  const heavyUsers: string[] = [];
  const emails: string[] = [];
  let messages = 0;
  let batch: ReturnType<typeof generateUsers> extends Generator<infer T> ? T[] : never = [];
  const flush = () => {
    store.batch(() => {
      for (const { user, messages: list } of batch) {
        store.upsertUser(customerId, botKey, user);
        messages += store.appendMessages(customerId, botKey, user.channelUserId, list);
      }
    });
    batch = [];
  };
  for (const entry of generateUsers({
    users,
    messagesPerUser,
    seed: 1,
    endTime: DEFAULT_END_TIME,
  })) {
    if (entry.messages.length >= 500) heavyUsers.push(entry.user.channelUserId);
    if (emails.length < 5000) emails.push(entry.user.attributes.email as string);
    batch.push(entry);
    if (batch.length >= 500) flush();
  }
  flush();
  store.close();
  return { heavyUsers, emails, messages };
}

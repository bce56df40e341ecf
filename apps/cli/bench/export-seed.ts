/**
 * The export benchmark's data: a sandbox file with `users` users of 2
 * messages each, in three cohorts by attribute (`large=yes`: all of them; `small=yes`: the first
 * `small`; `warm=yes`: the first 1,000).
 */
import { existsSync, rmSync } from "node:fs";
import { createSqliteStore, DEMO_CREDENTIAL, openDatabase, sessionUserId } from "@mybot/sandbox";

/**
 * @example
 * ```ts
 * await seedCohorts("/tmp/bench.db", 100_000, 20_000);
 * ```
 */
export async function seedCohorts(path: string, users: number, small: number): Promise<void> {
  for (const suffix of ["", "-wal", "-shm"]) if (existsSync(path + suffix)) rmSync(path + suffix);
  const store = createSqliteStore(await openDatabase(path));
  const { customerId, botKey, apiKey } = DEMO_CREDENTIAL;
  store.putKey({ key: apiKey, customerId, botKey, status: "active" });
  const start = Date.UTC(2025, 0, 1);
  for (let from = 0; from < users; from += 1000) {
    store.batch(() => {
      for (let i = from; i < Math.min(users, from + 1000); i++) {
        const channelUserId = `91${7_000_000_000 + i}`;
        store.upsertUser(customerId, botKey, {
          channelUserId,
          channel: "whatsapp",
          name: `User ${i}`,
          attributes: {
            large: "yes",
            small: i < small ? "yes" : "no",
            warm: i < 1000 ? "yes" : "no",
          },
        });
        const session = sessionUserId(customerId, botKey, channelUserId);
        const message = (n: number) => ({
          id: `${i}-${n}`,
          timestamp: start + i * 60_000 + n * 1_500,
          sender: n === 0 ? ("user" as const) : ("bot" as const),
          response: n === 0 ? "Where is my refund?" : "Sure, let me check that for you.",
          message_type: "TEXT",
          file: null,
          attachments: null,
          user_id: session,
        });
        store.appendMessages(customerId, botKey, channelUserId, [message(0), message(1)]);
      }
    });
  }
  store.close();
}

/**
 * One listing round: every cohort's users from MyBOT (one request each, through the budget),
 * this shard's kept, the state's membership and the read schedule updated (new users due at
 * once, those gone no longer read, their cursors kept), then a commit and a checkpoint. A
 * cohort whose listing fails keeps its users, who go on being read: only `mybot_up` says so.
 *
 * @module
 */
import { ownsUser } from "./shard.ts";
import type { CollectorContext, UserReader } from "./user-reads.ts";

/**
 * @example
 * ```ts
 * const listed = await listCohorts(context, reader); // the cohorts it could list
 * ```
 */
export async function listCohorts(
  context: CollectorContext,
  reader: UserReader,
): Promise<Set<string>> {
  const { config, client, store, log, clock, signal, status, members } = context;
  const started = clock.now();
  let failures = 0;
  const listed = new Set<string>();
  for (const cohort of config.cohorts) {
    let ids: string[];
    try {
      const users = await client.getMatchingUsers({
        attributeName: cohort.attributeName,
        attributeValue: cohort.attributeValue,
        signal,
      });
      ids = users
        .map((u) => u.channelUserId)
        .filter((id) => ownsUser(id, config.shard, config.totalShards));
    } catch (error) {
      if (signal.aborted) return listed;
      failures++;
      reader.failed(error);
      log(`listing: cohort ${cohort.name} failed: ${(error as Error).message}`);
      continue;
    }
    store.setMembers(cohort.name, ids);
    members.list(cohort.name, ids, clock.now());
    status.failingUsers = { ...status.failingUsers, [cohort.name]: members.failingIn(cohort.name) };
    listed.add(cohort.name);
  }
  const committed = reader.save(true);
  try {
    store.checkpoint();
  } catch (error) {
    log(`state: cannot checkpoint ${config.statePath}: ${(error as Error).message}`);
  }
  // Stopped mid-round: what was listed is saved, but the round says nothing of MyBOT.
  if (signal.aborted) return listed;
  status.polls++;
  status.lastPollDurationMs = clock.now() - started;
  // mybot_up says MyBOT could be reached and listed; one user's history failing says nothing
  // of that, and is reported in mybot_failing_users and mybot_poll_errors_total instead.
  status.up = failures === 0;
  if (!status.up)
    log(`listing: ${failures} listings failed; metrics keep their last values and mybot_up is 0`);
  // Nothing the store holds changed since that commit: the checkpoint and the status are not in it.
  reader.listed(status.up, committed);
  return listed;
}

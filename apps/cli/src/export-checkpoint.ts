/**
 * The checkpoint of `mybot export` (`<out>.checkpoint.json`): which user the export is on, where
 * that user's history walk stands, and how many bytes of the output are complete. The walk
 * position is the core's {@link HistoryResume} (a chunk's `next`), not a page number: on a
 * newest-first server the walk reads pages backwards, so "the next page" means nothing without
 * the order and the pinned window end that the resume token carries. Its page is the one the
 * client asked for, never a number the server claims in its answer. The cohort's ids are not in
 * it but in a list written once (export-user-list.ts): a checkpoint's size does not grow with the
 * cohort, so writing one costs the same at any cohort size.
 *
 * @module
 */
import type { HistoryResume } from "@mybot/core";
import { UsageError } from "./config.ts";
import { type DurableFs, NODE_FS, replaceDurably } from "./durable-file.ts";
import type { UserListRef } from "./export-user-list.ts";

/**
 * The checkpoint format. Not read any more: 1 (page numbers, messages without `messageType`),
 * 2 (the whole user list inside, rewritten with every checkpoint).
 */
export const CHECKPOINT_VERSION = 3;

/** How to get out of a checkpoint that cannot be continued. */
export const RESTART_HINT =
  "add --restart to the same command to discard it and the output and start over";

export interface Checkpoint {
  version: typeof CHECKPOINT_VERSION;
  attributeName: string;
  attributeValue: string;
  since: number | null;
  /** The window's end, pinned when the export started, so that a resumed export reads the same range. */
  until: number;
  /**
   * `--since` and `--until` as they were typed (`7d`), null when not given, absent when not
   * known (an instant passed by a library caller, a checkpoint of mybot 0.1): the same text
   * again is the same export, though `7d` is now a later instant.
   */
  asked?: { since?: string | null | undefined; until?: string | null | undefined };
  pageSize: number;
  /** The cohort's user ids in export order, fixed at the start, in `<out>.users`. */
  users: UserListRef;
  userIndex: number;
  /** True once the current user's `user` record is in the output (within `bytes`). */
  userStarted: boolean;
  /** Where the current user's walk resumes; null before their first page. */
  resume: HistoryResume | null;
  /** The output's length at this checkpoint: whole records only, all fsync'd before it was written. */
  bytes: number;
  messages: number;
  /** Users MyBOT no longer knew (1002) when their history was read. */
  missing?: number;
  /** Listed users whose id the client cannot send. */
  skipped?: number;
}

/**
 * Replaces `path` in one step (write aside with mode 0600, fsync, rename, fsync the directory),
 * so that a crash leaves the old checkpoint or the new one, never half of one.
 *
 * @example
 * ```ts
 * writeCheckpoint("gold.ndjson.checkpoint.json", checkpoint);
 * ```
 */
export function writeCheckpoint(
  path: string,
  checkpoint: Checkpoint,
  fs: DurableFs = NODE_FS,
): void {
  replaceDurably(fs, path, JSON.stringify(checkpoint));
}

const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
const isInstant = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);
const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

function isResume(v: unknown): v is HistoryResume | null {
  if (v === null) return true;
  if (!isRecord(v)) return false;
  return (
    (v.startDate === null || isInstant(v.startDate)) &&
    isInstant(v.endDate) &&
    (v.order === "oldest-first" || v.order === "newest-first") &&
    isCount(v.page) &&
    v.page >= 1 &&
    isCount(v.pageSize) &&
    v.pageSize >= 1
  );
}

const isDigest = (v: unknown) => typeof v === "string" && /^[0-9a-f]{64}$/.test(v);
const isText = (v: unknown) => v === undefined || v === null || typeof v === "string";

/** The first field of a version-3 checkpoint that is not what this mybot wrote; undefined when none. */
function damagedField(c: Record<string, unknown>): string | undefined {
  if (typeof c.attributeName !== "string") return "attributeName";
  if (typeof c.attributeValue !== "string") return "attributeValue";
  if (!(c.since === null || isInstant(c.since))) return "since";
  if (!isInstant(c.until)) return "until";
  if (
    c.asked !== undefined &&
    !(isRecord(c.asked) && isText(c.asked.since) && isText(c.asked.until))
  )
    return "asked";
  if (!(isCount(c.pageSize) && c.pageSize >= 1)) return "pageSize";
  if (!(isRecord(c.users) && isCount(c.users.count) && isDigest(c.users.sha256))) return "users";
  if (!(isCount(c.userIndex) && c.userIndex <= c.users.count)) return "userIndex";
  if (typeof c.userStarted !== "boolean") return "userStarted";
  if (!isResume(c.resume)) return "resume";
  // A started user without a position would be read again from page 1 without their `user`
  // line, repeating their messages; a position without a started user would skip that line.
  if (c.userStarted !== (c.resume !== null)) return "userStarted";
  // The position only means something in the walk it was counted in.
  if (
    c.resume !== null &&
    (c.resume.startDate !== c.since ||
      c.resume.endDate !== c.until ||
      c.resume.pageSize !== c.pageSize)
  )
    return "resume";
  if (!isCount(c.bytes)) return "bytes";
  if (!isCount(c.messages)) return "messages";
  if (c.missing !== undefined && !isCount(c.missing)) return "missing";
  if (c.skipped !== undefined && !isCount(c.skipped)) return "skipped";
  return undefined;
}

/**
 * Reads a checkpoint, refusing one this version cannot continue (unreadable, not JSON, another
 * format, a field of the wrong shape): resuming from the wrong position would lose or repeat
 * records, which is worse than starting again. The refusal is one sentence naming the file and
 * `--restart`.
 *
 * @example
 * ```ts
 * const checkpoint = readCheckpoint("gold.ndjson.checkpoint.json");
 * ```
 */
export function readCheckpoint(path: string, fs: DurableFs = NODE_FS): Checkpoint {
  let text: string;
  try {
    text = fs.readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException)?.code ?? "an error";
    throw new UsageError(`${path} cannot be read (${code}); ${RESTART_HINT}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new UsageError(`${path} is damaged (not JSON); ${RESTART_HINT}`);
  }
  if (!isRecord(parsed))
    throw new UsageError(`${path} is damaged (not an object); ${RESTART_HINT}`);
  if (parsed.version !== CHECKPOINT_VERSION) {
    const why =
      typeof parsed.version === "number"
        ? `was written by another version of mybot (format ${parsed.version})`
        : "is damaged (no format version)";
    throw new UsageError(
      `${path} ${why}; delete it and the output, then export again, or ${RESTART_HINT}`,
    );
  }
  const field = damagedField(parsed);
  if (field !== undefined)
    throw new UsageError(`${path} is damaged (its \`${field}\` is not valid); ${RESTART_HINT}`);
  return parsed as unknown as Checkpoint;
}

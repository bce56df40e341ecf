/**
 * The cohort of `mybot export`, written once beside the output (`<out>.users`, mode 0600): the
 * user ids in export order, one JSON string per line. The checkpoint then only names a position
 * in it and its digest, so that a checkpoint costs the same at 10 users and at a million; the
 * digest ties the two files together, so that a list left by another export, or damaged, is
 * refused instead of resuming at the wrong user.
 *
 * @module
 */
import { createHash } from "node:crypto";
import { UsageError } from "./config.ts";
import { type DurableFs, NODE_FS, replaceDurably } from "./durable-file.ts";
import { RESTART_HINT } from "./export-checkpoint.ts";

/** What the checkpoint keeps of the list: enough to know it is the same list. */
export interface UserListRef {
  count: number;
  /** SHA-256 of the file's bytes, in hex. */
  sha256: string;
}

const digest = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

/**
 * Writes the list durably (aside, fsync, rename, fsync the directory) and returns its reference.
 * JSON strings keep an id holding a newline on one line.
 *
 * @example
 * ```ts
 * const ref = writeUserList("gold.ndjson.users", ["919812345678", "web-1"]);
 * ```
 */
export function writeUserList(path: string, ids: string[], fs: DurableFs = NODE_FS): UserListRef {
  let text = "";
  for (const id of ids) text += `${JSON.stringify(id)}\n`;
  replaceDurably(fs, path, text);
  return { count: ids.length, sha256: digest(text) };
}

/**
 * Reads the list a checkpoint refers to, refusing (one sentence with `--restart`) a file that
 * is missing, unreadable, or not the list the checkpoint was counted in.
 *
 * @example
 * ```ts
 * const ids = readUserList("gold.ndjson.users", checkpoint.users, "gold.ndjson.checkpoint.json");
 * ```
 */
export function readUserList(
  path: string,
  ref: UserListRef,
  checkpointPath: string,
  fs: DurableFs = NODE_FS,
): string[] {
  let text: string;
  try {
    text = fs.readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException)?.code ?? "an error";
    throw new UsageError(
      `${path}, the user list of ${checkpointPath}, cannot be read (${code}); ${RESTART_HINT}`,
    );
  }
  const damaged = () =>
    new UsageError(
      `${path} is not the user list ${checkpointPath} was written with; ${RESTART_HINT}`,
    );
  if (digest(text) !== ref.sha256) throw damaged();
  const ids: string[] = [];
  try {
    for (const line of text.split("\n")) if (line !== "") ids.push(JSON.parse(line));
  } catch {
    throw damaged();
  }
  if (ids.length !== ref.count || ids.some((id) => typeof id !== "string")) throw damaged();
  return ids;
}

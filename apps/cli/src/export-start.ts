/**
 * The start of `mybot export`: a new export (the cohort listed, its user list written once, the
 * first checkpoint), or the one a checkpoint describes, checked to be the same request before it
 * is continued. Either way the cohort is listed once, for the users' records.
 *
 * @module
 */
import type { MyBotClient, MyBotUser } from "@mybot/core";
import { UsageError } from "./config.ts";
import type { DurableFs } from "./durable-file.ts";
import {
  CHECKPOINT_VERSION,
  type Checkpoint,
  RESTART_HINT,
  readCheckpoint,
  writeCheckpoint,
} from "./export-checkpoint.ts";
import { readUserList, writeUserList } from "./export-user-list.ts";

/** The output holds users' details and chat text: readable by its owner only, like the checkpoint. */
export const OUTPUT_MODE = 0o600;

/** What the command asks for, as far as the start is concerned. */
export interface ExportRequest {
  attributeName: string;
  attributeValue: string;
  since?: number | undefined;
  until?: number | undefined;
  sinceText?: string | undefined;
  untilText?: string | undefined;
  out: string;
  force?: boolean | undefined;
  restart?: boolean | undefined;
  pageSize?: number | undefined;
  signal?: AbortSignal | undefined;
  now?: (() => number) | undefined;
}

/** An export ready to continue. */
export interface StartedExport {
  checkpoint: Checkpoint;
  /** The cohort's ids in export order. */
  ids: string[];
  /** This run's listing: the users' records for their `user` lines. */
  listed: MyBotUser[];
  resumed: boolean;
}

/** The files beside the output. */
export const checkpointPathOf = (out: string) => `${out}.checkpoint.json`;
export const userListPathOf = (out: string) => `${out}.users`;

const shown = (text: string | null) => (text === null ? "none" : `"${text}"`);

/**
 * What was asked of one end of the window: the text as typed, null when the flag was not given,
 * undefined when unknown (a library caller that passed only an instant).
 */
function askedOf(text: string | undefined, instant: number | undefined): string | null | undefined {
  if (text !== undefined) return text;
  return instant === undefined ? null : undefined;
}

/**
 * Refuses to resume when this command asks for another window than the checkpoint's. The same
 * text (`--since 7d` again, or nothing again) is the same request, though `7d` now resolves to a
 * later instant; other text naming the very same instant is the same request too. Where either
 * side is unknown, the checkpoint's window stands, as it always did.
 */
function checkSameWindow(checkpointPath: string, checkpoint: Checkpoint, options: ExportRequest) {
  const asks = (flag: "since" | "until", text: string | undefined, instant: number | undefined) => {
    const typed = askedOf(text, instant);
    const kept = checkpoint.asked?.[flag];
    if (kept === undefined || typed === undefined || typed === kept) return;
    const pinned = flag === "since" ? checkpoint.since : checkpoint.until;
    if (kept !== null && instant !== undefined && instant === pinned) return;
    throw new UsageError(
      `${checkpointPath} is an export with --${flag} ${shown(kept)}, and this command asks for ${shown(typed)}: run it as it was to resume, or ${RESTART_HINT}`,
    );
  };
  asks("since", options.sinceText, options.since);
  asks("until", options.untilText, options.until);
}

/**
 * Opens the export `request.out` names: resumed from its checkpoint, or started anew.
 *
 * @example
 * ```ts
 * const { checkpoint, ids } = await startExport(client, request, NODE_FS);
 * ```
 */
export async function startExport(
  client: MyBotClient,
  request: ExportRequest,
  fs: DurableFs,
): Promise<StartedExport> {
  const checkpointPath = checkpointPathOf(request.out);
  const usersPath = userListPathOf(request.out);
  const listCohort = (attributeName: string, attributeValue: string) =>
    client.getMatchingUsers({ attributeName, attributeValue, signal: request.signal });
  if (!request.restart && fs.existsSync(checkpointPath)) {
    const checkpoint = readCheckpoint(checkpointPath, fs);
    // The window and page size are the checkpoint's: the resume position only means something
    // in the window it was counted in.
    const same =
      checkpoint.attributeName === request.attributeName &&
      checkpoint.attributeValue === request.attributeValue;
    if (!same) {
      throw new UsageError(
        `${checkpointPath} belongs to another export (${checkpoint.attributeName}=${checkpoint.attributeValue}); choose another --out, or ${RESTART_HINT}`,
      );
    }
    checkSameWindow(checkpointPath, checkpoint, request);
    if (!fs.existsSync(request.out) || fs.statSync(request.out).size < checkpoint.bytes)
      throw new UsageError(
        `${request.out} is shorter than ${checkpointPath} says it is (${checkpoint.bytes} bytes); ${RESTART_HINT}`,
      );
    const ids = readUserList(usersPath, checkpoint.users, checkpointPath, fs);
    const listed = await listCohort(checkpoint.attributeName, checkpoint.attributeValue);
    return { checkpoint, ids, listed, resumed: true };
  }
  // An empty output without a checkpoint is what a kill between creating the output and the
  // first checkpoint leaves: nothing in it to lose, so it is no reason to ask for --force.
  const kept = fs.existsSync(request.out) && fs.statSync(request.out).size > 0;
  if (kept && !request.force && !request.restart)
    throw new UsageError(`${request.out} exists; add --force to overwrite it`);
  const listed = await listCohort(request.attributeName, request.attributeValue);
  // Only now that the cohort is listed: a --restart whose listing fails keeps the progress.
  if (request.restart)
    for (const path of [checkpointPath, `${checkpointPath}.tmp`, usersPath, `${usersPath}.tmp`])
      fs.rmSync(path, { force: true });
  fs.writeFileSync(request.out, "", { mode: OUTPUT_MODE });
  const ids = listed.map((u) => u.channelUserId);
  // The list before the checkpoint that refers to it: a crash between them leaves no checkpoint,
  // and the next run starts over on an empty output.
  const users = writeUserList(usersPath, ids, fs);
  const checkpoint: Checkpoint = {
    version: CHECKPOINT_VERSION,
    attributeName: request.attributeName,
    attributeValue: request.attributeValue,
    since: request.since ?? null,
    until: request.until ?? (request.now ?? Date.now)(),
    asked: {
      since: askedOf(request.sinceText, request.since),
      until: askedOf(request.untilText, request.until),
    },
    pageSize: request.pageSize ?? 500,
    users,
    userIndex: 0,
    userStarted: false,
    resume: null,
    bytes: 0,
    messages: 0,
    missing: 0,
    skipped: 0,
  };
  writeCheckpoint(checkpointPath, checkpoint, fs);
  return { checkpoint, ids, listed, resumed: false };
}

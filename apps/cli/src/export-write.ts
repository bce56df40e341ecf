/**
 * The writing side of `mybot export`: parts of output, in the cohort's order, appended to the
 * output, with the checkpoint following them on a cadence. A checkpoint costs two fsyncs and a
 * rename, more than a small user's whole history, so it is written when `every.ms` have passed
 * or `every.bytes` were written since the last one, and once more when the export stops. Resume
 * stays exactly-once whatever the cadence: the next run cuts the output back to the checkpoint.
 *
 * @module
 */
import { createAppender, type DurableFs } from "./durable-file.ts";
import { type Checkpoint, writeCheckpoint } from "./export-checkpoint.ts";
import type { UserPart } from "./export-user-reader.ts";

/** What {@link writeParts} needs. */
export interface WriteOptions {
  fs: DurableFs;
  /** The output, open for writing; its length is cut to `checkpoint.bytes` first. */
  fd: number;
  /** Updated as parts are written; written to `checkpointPath` on the cadence. */
  checkpoint: Checkpoint;
  checkpointPath: string;
  every: { ms: number; bytes: number };
  /** The clock of the `every.ms` cadence; `Date.now` by default. */
  now?: () => number;
  parts: AsyncIterable<{ index: number; item: UserPart }>;
  /** Called after each part with the users done and the messages written so far. */
  onPart?: (usersDone: number, messages: number) => void;
}

/**
 * Writes every part, then fsyncs the output. Stopped by an error from the reading side (Ctrl-C,
 * MyBOT down), it first writes a checkpoint of everything written, so that the next run goes on
 * from there. Stopped by the file system, it writes no checkpoint more: after a failed fsync
 * Linux may drop the dirty pages and report the next fsync as a success ("fsyncgate"), so a
 * checkpoint then could claim bytes that never reached the disk. The last good one stands.
 *
 * @example
 * ```ts
 * await writeParts({ fs, fd, checkpoint, checkpointPath, every: { ms: 1000, bytes: 16 << 20 }, parts });
 * ```
 */
export async function writeParts(options: WriteOptions): Promise<void> {
  const { fs, fd, checkpoint, every } = options;
  // Anything past the checkpoint is output that was written but not recorded: drop it.
  if (fs.fstatSync(fd).size !== checkpoint.bytes) fs.ftruncateSync(fd, checkpoint.bytes);
  const out = createAppender(fs, fd, checkpoint.bytes);
  const now = options.now ?? Date.now;
  let recordedAt = now();
  let recordedBytes = checkpoint.bytes;
  let poisoned = false;
  /** File work: once any of it failed, what the disk holds is unknown (see above). */
  const onDisk = (work: () => void) => {
    try {
      work();
    } catch (error) {
      poisoned = true;
      throw error;
    }
  };
  // The data reaches the disk before the checkpoint that claims it (see durable-file.ts).
  const record = () =>
    onDisk(() => {
      out.flush();
      fs.fsyncSync(fd);
      writeCheckpoint(options.checkpointPath, checkpoint, fs);
      recordedAt = now();
      recordedBytes = checkpoint.bytes;
    });
  try {
    for await (const { index, item } of options.parts) {
      onDisk(() => out.write(item.bytes));
      checkpoint.bytes = out.position;
      checkpoint.messages += item.messages;
      if (item.missing) checkpoint.missing = (checkpoint.missing ?? 0) + 1;
      if (item.skipped) checkpoint.skipped = (checkpoint.skipped ?? 0) + 1;
      // A finished user is recorded as the next one, not started.
      checkpoint.userIndex = item.next === null ? index + 1 : index;
      checkpoint.userStarted = item.next !== null;
      checkpoint.resume = item.next;
      if (checkpoint.bytes - recordedBytes >= every.bytes || now() - recordedAt >= every.ms)
        record();
      options.onPart?.(checkpoint.userIndex, checkpoint.messages);
    }
    onDisk(() => {
      out.flush();
      fs.fsyncSync(fd);
    });
  } catch (error) {
    // A file system that fails now too leaves the last checkpoint, which is as good.
    if (!poisoned)
      try {
        record();
      } catch {}
    throw error;
  }
}

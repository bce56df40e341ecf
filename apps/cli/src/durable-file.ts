/**
 * Writes that survive a power cut in the order they were made. A write is only in the page cache
 * until it is fsync'd; after a crash the file system may keep a later write (a checkpoint's
 * rename) and lose an earlier one (the output's last page), leaving a claim past the data or a
 * tail of NUL bytes. So: data, fsync, and only then the record that claims it.
 *
 * @module
 */
import * as nodeFs from "node:fs";
import { dirname } from "node:path";

/** The file operations the export uses, so that a test can watch their order. */
export type DurableFs = Pick<
  typeof nodeFs,
  | "openSync"
  | "writeSync"
  | "fsyncSync"
  | "closeSync"
  | "renameSync"
  | "fchmodSync"
  | "ftruncateSync"
  | "fstatSync"
  | "statSync"
  | "existsSync"
  | "readFileSync"
  | "rmSync"
  | "writeFileSync"
>;

/** The real file system. */
export const NODE_FS: DurableFs = nodeFs;

/**
 * Writes all of `text` at `position`, however many calls the system needs; returns the bytes
 * written.
 *
 * @example
 * ```ts
 * position += writeAll(NODE_FS, fd, "line\n", position);
 * ```
 */
export function writeAll(fs: DurableFs, fd: number, text: string, position: number): number {
  const bytes = Buffer.from(text, "utf8");
  let done = 0;
  while (done < bytes.length)
    done += fs.writeSync(fd, bytes, done, bytes.length - done, position + done);
  return done;
}

/**
 * Makes a rename or a removal in `directory` durable. Not every system can open a directory
 * (Windows cannot); there the change is as durable as that system makes it.
 *
 * @example
 * ```ts
 * syncDirectory(NODE_FS, "/data/exports");
 * ```
 */
export function syncDirectory(fs: DurableFs, directory: string): void {
  let fd: number;
  try {
    fd = fs.openSync(directory, "r");
  } catch {
    return;
  }
  try {
    fs.fsyncSync(fd);
  } catch {
    // EINVAL/EISDIR on systems that do not sync directories.
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Replaces `path` by `text` in one step that a crash cannot split: written to `<path>.tmp` with
 * `mode` (0600 by default: a state file is nobody else's business), fsync'd, renamed over
 * `path`, and the directory fsync'd.
 *
 * @example
 * ```ts
 * replaceDurably(NODE_FS, "gold.ndjson.checkpoint.json", JSON.stringify(checkpoint));
 * ```
 */
export function replaceDurably(fs: DurableFs, path: string, text: string, mode = 0o600): void {
  const tmp = `${path}.tmp`;
  const fd = fs.openSync(tmp, "w", mode);
  try {
    // An older `.tmp` left by a crash keeps its mode through "w": set it.
    fs.fchmodSync(fd, mode);
    writeAll(fs, fd, text, 0);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, path);
  syncDirectory(fs, dirname(path));
}

/** Output written at the end of a file, gathered into large writes. */
export interface Appender {
  /** The file's length once everything given so far is written. */
  readonly position: number;
  write(bytes: Uint8Array): void;
  /** Writes what is gathered (not fsync'd: that is the caller's, before any claim on it). */
  flush(): void;
}

/**
 * Gathers small records (a 2-message user is under a kilobyte) into writes of about `chunk`
 * bytes: one system call per record would cost more than the record.
 *
 * @example
 * ```ts
 * const out = createAppender(NODE_FS, fd, 0);
 * out.write(Buffer.from("line\n"));
 * out.flush();
 * ```
 */
export function createAppender(
  fs: DurableFs,
  fd: number,
  start: number,
  chunk = 64 * 1024,
): Appender {
  let written = start;
  let parts: Uint8Array[] = [];
  let gathered = 0;
  const flush = () => {
    if (gathered === 0) return;
    const bytes = parts.length === 1 ? (parts[0] as Uint8Array) : Buffer.concat(parts, gathered);
    let done = 0;
    try {
      while (done < bytes.length)
        done += fs.writeSync(fd, bytes, done, bytes.length - done, written + done);
    } finally {
      // A failed write keeps what it did not write, so that `position` stays the truth.
      written += done;
      parts = done < bytes.length ? [bytes.subarray(done)] : [];
      gathered = bytes.length - done;
    }
  };
  return {
    get position() {
      return written + gathered;
    },
    write(bytes) {
      parts.push(bytes);
      gathered += bytes.length;
      if (gathered >= chunk) flush();
    },
    flush,
  };
}

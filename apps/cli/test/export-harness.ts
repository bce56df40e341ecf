/**
 * What the export tests share: a client for a stand-in cohort vendor, fresh output paths, the
 * records of an output, and a file system that counts what is written where.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { createMyBotClient } from "@mybot/core";
import { type DurableFs, NODE_FS } from "../src/durable-file.ts";
import type { CohortVendor } from "./cohort-vendor.ts";

/** A client of `vendor`, without retries: a failure is seen at once. */
export const clientOf = (vendor: CohortVendor) =>
  createMyBotClient({
    baseUrl: vendor.env.MYBOT_BASE_URL as string,
    apiKey: vendor.env.MYBOT_API_KEY as string,
    customerId: vendor.env.MYBOT_CUSTOMER_ID as string,
    botKey: vendor.env.MYBOT_BOT_KEY as string,
    maxRetries: 0,
  });

/** A path for an output in a new directory. */
export const outFile = () => join(mkdtempSync(join(tmpdir(), "mybot-export-")), "gold.ndjson");

/** The records of an NDJSON output; none for an empty one. */
export const readRecords = (path: string) =>
  readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line));

/** Bytes written, by file name (`gold.ndjson`, `gold.ndjson.checkpoint.json.tmp`, …). */
export interface WriteLog {
  bytes: Map<string, number>;
  /** The size of each write, by file name. */
  writes: Map<string, number[]>;
  /** The file names renamed to, in order. */
  renamedTo: string[];
}

/**
 * The real file system, with every write and rename counted by file name.
 *
 * @example
 * ```ts
 * const { fs, log } = countingFs();
 * ```
 */
export function countingFs(): { fs: DurableFs; log: WriteLog } {
  const log: WriteLog = { bytes: new Map(), writes: new Map(), renamedTo: [] };
  const names = new Map<number, string>();
  const fs: DurableFs = {
    ...NODE_FS,
    openSync: ((path: string, flags: string, mode?: number) => {
      const fd = NODE_FS.openSync(path, flags, mode);
      names.set(fd, basename(path));
      return fd;
    }) as DurableFs["openSync"],
    writeSync: ((fd: number, ...rest: unknown[]) => {
      const n = (NODE_FS.writeSync as (...a: unknown[]) => number)(fd, ...rest);
      const name = names.get(fd) ?? `fd ${fd}`;
      log.bytes.set(name, (log.bytes.get(name) ?? 0) + n);
      log.writes.set(name, [...(log.writes.get(name) ?? []), n]);
      return n;
    }) as DurableFs["writeSync"],
    renameSync: (from, to) => {
      log.renamedTo.push(basename(String(to)));
      NODE_FS.renameSync(from, to);
    },
  };
  return { fs, log };
}

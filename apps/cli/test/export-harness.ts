/**
 * What the export tests share: a client for a stand-in cohort vendor, fresh output paths, the
 * records of an output, and a file system that counts what is written where.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { createMyBotClient } from "@mybot/core";
import { type DurableFs, NODE_FS } from "../src/durable-file.ts";
import type { ExportOptions } from "../src/export.ts";
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

/**
 * The export of the `plan=gold` cohort to `out` in pages of 3, with `more` over that.
 *
 * @example
 * ```ts
 * await exportCohort(clientOf(vendor), goldExport(out, { concurrency: 4 }));
 * ```
 */
export const goldExport = (out: string, more: Partial<ExportOptions> = {}): ExportOptions => ({
  attributeName: "plan",
  attributeValue: "gold",
  out,
  pageSize: 3,
  ...more,
});

/**
 * `mybot export` of the `plan=gold` cohort to `out`, with `more` arguments after.
 *
 * @example
 * ```ts
 * await runCli(goldExportArgs(out, "--page-size", "5"), { env });
 * ```
 */
export const goldExportArgs = (out: string, ...more: string[]) => [
  "export",
  "--attribute",
  "plan=gold",
  "--out",
  out,
  ...more,
];

/** A path for an output in a new directory. */
export const outFile = () => join(mkdtempSync(join(tmpdir(), "mybot-export-")), "gold.ndjson");

/** The records of an NDJSON output; none for an empty one. */
export const readRecords = (path: string) =>
  readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line));

/**
 * The real `openSync`, noting each descriptor's name in `names` (by default its file's base
 * name), for a file system that logs what it does by file.
 *
 * @example
 * ```ts
 * const names = new Map<number, string>();
 * const fs: DurableFs = { ...NODE_FS, openSync: namingOpen(names) };
 * ```
 */
export function namingOpen(
  names: Map<number, string>,
  nameOf: (path: string) => string = (path) => basename(path),
): DurableFs["openSync"] {
  return ((path: string, flags: string, mode?: number) => {
    const fd = NODE_FS.openSync(path, flags, mode);
    names.set(fd, nameOf(path));
    return fd;
  }) as DurableFs["openSync"];
}

/** Bytes written, by file name (`gold.ndjson`, `gold.ndjson.checkpoint.json.tmp`, …). */
export interface WriteLog {
  bytes: Map<string, number>;
  /** The size of each write, by file name. */
  writes: Map<string, number[]>;
  /** The file names renamed to, in order. */
  renamedTo: string[];
}

/**
 * The real file system, with every write and rename counted by file name (the export benchmark
 * counts its bytes written with it too).
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
    openSync: namingOpen(names),
    writeSync: ((fd: number, ...rest: unknown[]) => {
      const n = (NODE_FS.writeSync as (...a: unknown[]) => number)(fd, ...rest);
      const name = names.get(fd) ?? `fd ${fd}`;
      log.bytes.set(name, (log.bytes.get(name) ?? 0) + n);
      const sizes = log.writes.get(name);
      if (sizes) sizes.push(n);
      else log.writes.set(name, [n]);
      return n;
    }) as DurableFs["writeSync"],
    renameSync: (from, to) => {
      log.renamedTo.push(basename(String(to)));
      NODE_FS.renameSync(from, to);
    },
  };
  return { fs, log };
}

/** Every byte written, to any file. */
export const bytesWritten = (log: WriteLog) => [...log.bytes.values()].reduce((a, b) => a + b, 0);

/** What {@link faultyFs} has seen. */
export interface FaultState {
  /** Operations asked for so far, failed ones included. */
  ops: number;
  /** The output's descriptor once opened, else -1. */
  outFd: number;
  /** The output's size at its last fsync that succeeded: what a power cut cannot take. */
  synced: number;
}

/**
 * The real file system, except that `fault` is asked before every operation (by name, its
 * 1-based count, its arguments and the state): an error it returns is thrown instead.
 *
 * @example
 * ```ts
 * const { fs } = faultyFs(out, (op) => (op === "renameSync" ? new Error("EIO") : undefined));
 * ```
 */
export function faultyFs(
  out: string,
  fault: (op: string, count: number, args: unknown[], state: FaultState) => Error | undefined,
): { fs: DurableFs; state: FaultState } {
  const state: FaultState = { ops: 0, outFd: -1, synced: 0 };
  const fs = Object.fromEntries(
    Object.entries(NODE_FS).flatMap(([key, f]) =>
      typeof f !== "function"
        ? []
        : [
            [
              key,
              (...args: unknown[]) => {
                const error = fault(key, ++state.ops, args, state);
                if (error) throw error;
                const result = (f as (...a: unknown[]) => unknown)(...args);
                if (key === "openSync" && args[0] === out) state.outFd = result as number;
                if (key === "fsyncSync" && args[0] === state.outFd)
                  state.synced = NODE_FS.fstatSync(state.outFd).size;
                return result;
              },
            ],
          ],
    ),
  ) as unknown as DurableFs;
  return { fs, state };
}

/**
 * A power cut: the real file system until `dies` says so; from then on every operation fails,
 * so that nothing more reaches the disk.
 *
 * @example
 * ```ts
 * const { fs, state } = dyingFs(out, (_, count) => count > 40);
 * ```
 */
export function dyingFs(out: string, dies: (op: string, count: number) => boolean) {
  let dead = false;
  return faultyFs(out, (op, count) => {
    dead ||= dies(op, count);
    return dead ? new Error("power cut") : undefined;
  });
}

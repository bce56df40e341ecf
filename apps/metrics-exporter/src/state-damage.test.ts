/**
 * A state file damaged where opening it does not look (16 KB overwritten mid-file), or in use by
 * another exporter, is refused at open with the one-sentence StateFileError (exit status 2 in
 * main), never a raw SqliteError and a stack trace in a restart loop.
 */
import { closeSync, mkdtempSync, openSync, statSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { createSyntheticDb } from "../bench/synthetic-state.ts";
import { openStateStore } from "./open-state-store.ts";
import { StateFileError } from "./state.ts";

const tmp = () => mkdtempSync(join(tmpdir(), "exporter-damage-"));

const refusal = (dir: string) => {
  try {
    openStateStore(dir, "state.db", "state.json").close();
  } catch (error) {
    return error;
  }
  return new Error("opened");
};

it("refuses a state database damaged in the middle, in one sentence", () => {
  const dir = tmp();
  createSyntheticDb(dir, 20_000);
  const path = join(dir, "state.db");
  const fd = openSync(path, "r+");
  writeSync(fd, Buffer.alloc(16_384, 0x5a), 0, 16_384, Math.floor(statSync(path).size / 2));
  closeSync(fd);
  const error = refusal(dir);
  expect(error).toBeInstanceOf(StateFileError);
  expect((error as Error).message).toBe(
    `cannot resume from the state file ${path}: it is damaged (SQLite says the database disk image is malformed); restore it from a backup, or move it aside to start afresh (every history is then read again from the backfill, and the counters start over)`,
  );
});

it("refuses a state database another exporter has open, in one sentence", () => {
  const dir = tmp();
  const first = openStateStore(dir, "state.db", "state.json");
  first.cohort("gold");
  first.commit();
  try {
    const error = refusal(dir);
    expect(error).toBeInstanceOf(StateFileError);
    expect((error as Error).message).toMatch(
      /^cannot resume from the state file .*state\.db: another process has it open \(another exporter with the same state_path and shard\?\); /,
    );
  } finally {
    first.close();
  }
  // Closed, it opens again.
  openStateStore(dir, "state.db", "state.json").close();
});

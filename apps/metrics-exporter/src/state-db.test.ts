import { chmodSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabaseSync } from "@mybot/sqlite";
import { describe, expect, it } from "vitest";
import { openStateStore } from "./open-state-store.ts";
import { emptyCohort, StateFileError } from "./state.ts";
import { loadState, openStateDb } from "./state-db.ts";

const modeOf = (path: string) => statSync(path).mode & 0o777;
const tmp = () => mkdtempSync(join(tmpdir(), "exporter-state-"));

it("creates the state file, and its journals, readable by their owner only: they hold user ids", () => {
  const dir = join(tmp(), "state");
  const store = openStateStore(dir, "state.db", "state.json");
  store.cohort("gold");
  store.commit();
  expect(modeOf(dir).toString(8)).toBe("700");
  const files = readdirSync(dir).sort();
  expect(files).toContain("state.db");
  expect(files.every((f) => f.startsWith("state.db"))).toBe(true);
  for (const f of files) expect(`${f} ${modeOf(join(dir, f)).toString(8)}`).toBe(`${f} 600`);
  store.close();
  expect(loadState(dir).cohorts.gold).toEqual(emptyCohort());
});

it("makes a world-readable state file of an earlier run readable by its owner only", () => {
  const dir = tmp();
  openStateDb(dir, "state.db").close();
  chmodSync(join(dir, "state.db"), 0o644);
  openStateDb(dir, "state.db").close();
  expect(modeOf(join(dir, "state.db")).toString(8)).toBe("600");
});

it("reads no state, and creates no file, where there is none", () => {
  const dir = tmp();
  expect(loadState(dir)).toEqual({ version: 1, cohorts: {} });
  expect(readdirSync(dir)).toEqual([]);
});

describe("a state database that cannot be resumed from", () => {
  const refusal = (dir: string, file = "state.db") => {
    try {
      openStateStore(dir, file, "state.json");
    } catch (error) {
      expect(error).toBeInstanceOf(StateFileError);
      const message = (error as Error).message;
      expect(message).toContain(join(dir, file));
      expect(message).toMatch(/restore it from a backup, or move it aside to start afresh/);
      expect(message).not.toContain("\n");
      return message;
    }
    throw new Error("the state was not refused");
  };

  it("is refused when it is not a SQLite file (damaged, or something else)", () => {
    const dir = tmp();
    writeFileSync(join(dir, "state.db"), "x".repeat(4096));
    expect(refusal(dir)).toMatch(/: it is not a SQLite database \(a damaged file/);
  });

  it("is refused when it is a SQLite file of something else", () => {
    const dir = tmp();
    const other = openDatabaseSync(join(dir, "state.db"));
    other.exec("CREATE TABLE keys (key TEXT)");
    other.close();
    expect(refusal(dir)).toMatch(/: it is not an exporter state;/);
  });

  it("is refused when a newer exporter wrote it", () => {
    const dir = tmp();
    const db = openStateDb(dir, "state.db");
    db.exec("UPDATE meta SET value = '2' WHERE key = 'schema_version'");
    db.close();
    expect(refusal(dir)).toMatch(/: its schema version 2 is newer than this exporter's \(1\)/);
  });

  it("is refused when it is not a file at all", () => {
    const dir = tmp();
    mkdirSync(join(dir, "state.db"));
    expect(refusal(dir)).toMatch(/: it is not a file;/);
  });
});

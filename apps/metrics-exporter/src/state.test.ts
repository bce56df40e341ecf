import { mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { emptyCohort, loadState, StateFileError, saveState } from "./state.ts";

const modeOf = (path: string) => statSync(path).mode & 0o777;

it("creates the state file readable by its owner only: it holds user ids", () => {
  const dir = join(mkdtempSync(join(tmpdir(), "exporter-state-")), "state");
  saveState(dir, { version: 1, cohorts: { gold: emptyCohort() } });
  expect(modeOf(join(dir, "state.json")).toString(8)).toBe("600");
  expect(modeOf(dir).toString(8)).toBe("700");
  expect(readdirSync(dir)).toEqual(["state.json"]);
  expect(loadState(dir).cohorts.gold).toEqual(emptyCohort());
});

it("writes through a temporary file of mode 0600, even one a crashed process left behind", () => {
  const dir = mkdtempSync(join(tmpdir(), "exporter-state-"));
  // The same pid as an earlier, crashed process: its temporary file is still there, world-readable.
  const leftover = join(dir, `state.json.${process.pid}.tmp`);
  writeFileSync(leftover, "{}", { mode: 0o644 });
  saveState(dir, { version: 1, cohorts: {} });
  expect(modeOf(join(dir, "state.json")).toString(8)).toBe("600");
});

it("replaces a world-readable state file of an earlier version with one of mode 0600", () => {
  const dir = mkdtempSync(join(tmpdir(), "exporter-state-"));
  writeFileSync(join(dir, "state.json"), '{"version":1,"cohorts":{}}', { mode: 0o644 });
  saveState(dir, loadState(dir));
  expect(modeOf(join(dir, "state.json")).toString(8)).toBe("600");
});

describe("a state file that cannot be resumed from", () => {
  const broken = (text: string) => {
    const dir = mkdtempSync(join(tmpdir(), "exporter-state-"));
    writeFileSync(join(dir, "state.json"), text);
    return dir;
  };

  it.each([
    ['{"version":1,"cohorts":{"gold":{"us', /not valid JSON/],
    ["", /not valid JSON/],
    ["null", /not an exporter state/],
    ['{"version":2,"cohorts":{}}', /version 2 is not 1/],
    ['{"version":1}', /no cohorts/],
  ])("is refused in one sentence naming the file and what to do: %j", (text, why) => {
    const dir = broken(text);
    let error: unknown;
    try {
      loadState(dir);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(StateFileError);
    const message = (error as Error).message;
    expect(message).toContain(join(dir, "state.json"));
    expect(message).toMatch(why);
    expect(message).toMatch(/restore it from a backup, or move it aside to start afresh/);
    expect(message).not.toContain("\n");
  });

  it("is refused the same way when it cannot be read at all", () => {
    const dir = mkdtempSync(join(tmpdir(), "exporter-state-"));
    mkdirSync(join(dir, "state.json"));
    expect(() => loadState(dir)).toThrow(
      new StateFileError(
        `cannot resume from the state file ${join(dir, "state.json")}: it cannot be read (EISDIR); restore it from a backup, or move it aside to start afresh (every history is then read again from the backfill, and the counters start over)`,
      ),
    );
  });
});

import { mkdtempSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { emptyCohort, loadState, saveState } from "./state.ts";

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

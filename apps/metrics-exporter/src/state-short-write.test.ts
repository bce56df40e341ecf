/**
 * writeSync may write fewer bytes than asked (a full disk, a signal, some file systems): the
 * state file must still hold the whole JSON, never a truncated one that a restart cannot read.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it, vi } from "vitest";
import { emptyCohort, loadState, saveState } from "./state.ts";

const SHORT = 7;

vi.mock("node:fs", async (importOriginal) => {
  const original = await importOriginal<typeof import("node:fs")>();
  /** Writes at most SHORT bytes per call, and says so, as a short write does. */
  const writeSync = (fd: number, data: string | NodeJS.ArrayBufferView, ...rest: unknown[]) => {
    const bytes =
      typeof data === "string"
        ? Buffer.from(data)
        : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    const offset = typeof data === "string" ? 0 : ((rest[0] as number | undefined) ?? 0);
    const length =
      typeof data === "string"
        ? bytes.length
        : ((rest[1] as number | undefined) ?? bytes.length - offset);
    return original.writeSync(fd, bytes, offset, Math.min(SHORT, length));
  };
  return { ...original, default: { ...original, writeSync }, writeSync };
});

it("writes the whole state even when each write is short", () => {
  const dir = mkdtempSync(join(tmpdir(), "exporter-state-"));
  const state = { version: 1 as const, cohorts: { gold: emptyCohort(), "café ☕": emptyCohort() } };
  const text = saveState(dir, state);
  expect(text.length).toBeGreaterThan(SHORT * 10);
  expect(readFileSync(join(dir, "state.json"), "utf8")).toBe(text);
  expect(loadState(dir)).toEqual(state);
});

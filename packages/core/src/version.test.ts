import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { VERSION } from "./version.ts";

it("VERSION matches package.json and jsr.json", () => {
  for (const file of ["../package.json", "../jsr.json"]) {
    expect(JSON.parse(readFileSync(new URL(file, import.meta.url), "utf8")).version).toBe(VERSION);
  }
});

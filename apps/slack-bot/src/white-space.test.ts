import { describe, expect, it } from "vitest";
import { isSpace, WHITE_SPACE } from "./white-space.ts";

describe("white space", () => {
  it("is exactly what /\\s/ matches, each code unit once", () => {
    const expected: number[] = [];
    for (let c = 0; c < 0x10000; c++) {
      const regex = /\s/.test(String.fromCharCode(c));
      expect(isSpace(c), `U+${c.toString(16)}`).toBe(regex);
      if (regex) expected.push(c);
    }
    expect([...WHITE_SPACE].map((s) => s.charCodeAt(0)).sort((a, b) => a - b)).toEqual(expected);
    // Past the table (NaN from charCodeAt past the end) is not a space.
    expect(isSpace(Number.NaN)).toBe(false);
  });
});

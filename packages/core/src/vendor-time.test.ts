import { vendorTimestamp } from "@mybot/test-kit";
import { describe, expect, it } from "vitest";
import { parseVendorTimestamp } from "./vendor-time.ts";

describe("parseVendorTimestamp", () => {
  it.each([
    ["2026-08-01 20:51:14.250+0530", Date.UTC(2026, 7, 1, 15, 21, 14, 250)],
    ["2026/08/01 20:51:14.250+0530", Date.UTC(2026, 7, 1, 15, 21, 14, 250)],
    ["2026-08-01 20:51:14+0530", Date.UTC(2026, 7, 1, 15, 21, 14)],
    ["2026-08-01T20:51:14.250+05:30", Date.UTC(2026, 7, 1, 15, 21, 14, 250)],
    ["2026-08-01 10:00:00.5-0700", Date.UTC(2026, 7, 1, 17, 0, 0, 500)],
    ["2026-08-01 10:00:00.123456789Z", Date.UTC(2026, 7, 1, 10, 0, 0, 123)],
    ["2024-02-29 00:00:00.000+0000", Date.UTC(2024, 1, 29)],
    ["2026-01-01 00:30:00.000+0100", Date.UTC(2025, 11, 31, 23, 30)],
    [1_785_597_674_250, 1_785_597_674_250],
    ["1785597674250", 1_785_597_674_250],
  ])("reads %j", (text, ms) => {
    expect(parseVendorTimestamp(text)).toBe(ms);
  });

  it.each([
    "2026-08-01 20:51:14.250", // no offset: its zone would be a guess
    "2026-08-01 20:51:14",
    "2026-13-01 20:51:14.250+0530",
    "2025-02-29 20:51:14.250+0530",
    "2026-08-01 24:00:00.000+0530",
    "2026-08-01 20:51:14.250+05",
    "2026-08-01 20:51:14.+0530",
    "2026-08-01-20:51:14.250+0530",
    "2026-08/01 20:51:14.250+0530",
    "yesterday",
    "",
    -1,
    1.5,
    1_785_597_674, // epoch seconds
    "1785597674",
    Number.NaN,
    null,
    undefined,
    {},
  ])("refuses %j", (value) => {
    expect(parseVendorTimestamp(value)).toBeUndefined();
  });

  it("reads back what the vendor's format writes, in any offset", () => {
    for (const offset of [-720, -330, 0, 330, 345, 840]) {
      for (const ms of [0, 1_700_000_000_123, Date.UTC(2026, 7, 1, 23, 59, 59, 999)]) {
        expect(parseVendorTimestamp(vendorTimestamp(ms, offset))).toBe(ms);
      }
    }
  });
});

import { prng, vendorTimestamp } from "@mybot/test-kit";
import { describe, expect, it } from "vitest";
import { parseVendorTimestamp } from "./vendor-time.ts";

const VENDOR_FORMAT =
  /^(\d{4})([-/])(\d{2})\2(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:Z|([+-])(\d{2}):?(\d{2}))$/;

/**
 * What parseVendorTimestamp should answer, by another method: a regular expression for the
 * format and `Date.UTC` for the calendar, refusing a day that `Date.UTC` rolls over.
 */
function reference(text: string): number | undefined {
  if (text.length > 40) return undefined;
  if (text.length < 20) {
    const ms = /^\d{12,16}$/.test(text) ? Number(text) : Number.NaN;
    return Number.isSafeInteger(ms) && ms >= 1e11 ? ms : undefined;
  }
  const m = VENDOR_FORMAT.exec(text);
  if (m === null) return undefined;
  const field = (group: number) => Number(m[group] ?? 0);
  const year = field(1);
  const month = field(3);
  const day = field(4);
  const hour = field(5);
  const minute = field(6);
  const second = field(7);
  const millis = Number((m[8] ?? "").slice(0, 3).padEnd(3, "0"));
  const offsetHours = field(10);
  const offsetMinutes = field(11);
  if (year < 1900 || month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) {
    return undefined;
  }
  if (offsetHours > 23 || offsetMinutes > 59) return undefined;
  if (day < 1 || new Date(Date.UTC(year, month - 1, day)).getUTCDate() !== day) return undefined;
  const offset = (m[9] === "-" ? -1 : 1) * (offsetHours * 60 + offsetMinutes);
  const ms = Date.UTC(year, month - 1, day, hour, minute, second, millis) - offset * 60_000;
  return ms >= 0 ? ms : undefined;
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

describe("digit strings", () => {
  it("are epoch milliseconds only from 1e11 and while safe", () => {
    expect(parseVendorTimestamp("000000000001")).toBeUndefined();
    expect(parseVendorTimestamp("9999999999999999")).toBeUndefined();
    expect(parseVendorTimestamp("1785597674250")).toBe(1785597674250);
  });
});

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
    ["2000-02-29 12:00:00+00:00", Date.UTC(2000, 1, 29, 12)],
    ["2026-04-30 23:59:59.999999999-1159", Date.UTC(2026, 4, 1, 11, 58, 59, 999)],
    ["1970-01-01T00:00:00.000-0000", 0],
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
    "2100-02-29 20:51:14.250+0530", // 2100 is not a leap year
    "2026-04-31 20:51:14.250+0530",
    "2026-08-00 20:51:14.250+0530",
    "1969-12-31 23:59:59.999Z", // before 1970
    "1970-01-01 00:00:00.000+0001",
    "2026-08-01 20:51:14.1234567890+0530", // a fraction of 10 digits
    "2026-08-01 20:51:14.250+2400",
    "2026-08-01 20:51:14.250+0560",
    "2026-08-01 20:51:14.250z",
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

  describe("agrees with a Date.UTC reference", () => {
    const random = prng(0x5eed);
    const int = (from: number, to: number) => from + Math.floor(random() * (to - from + 1));
    const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)] as T;
    // Leap (2000, 2024, 2400), common (2025, 2026) and century common years (1900, 2100, 2200).
    const years = [1900, 1970, 2000, 2024, 2025, 2026, 2100, 2200, 2400, 9999];

    /** A string of the vendor's format, its date possibly impossible (31 April, 29 February). */
    function timestamp(): string {
      const year = random() < 0.3 ? pick(years) : int(1900, 2200);
      const month = int(1, 12);
      const day = random() < 0.5 ? int(28, 31) : int(1, 31); // month ends often
      const date = [pad(year, 4), pad(month), pad(day)].join(pick(["-", "/"]));
      const time = [int(0, 23), int(0, 59), int(0, 59)].map((n) => pad(n)).join(":");
      const fractionDigits = int(0, 9);
      const fraction =
        fractionDigits === 0
          ? ""
          : `.${Array.from({ length: fractionDigits }, () => int(0, 9)).join("")}`;
      const hours = random() < 0.5 ? pick([0, 5, 14]) : int(0, 23);
      const minutes = random() < 0.5 ? pick([0, 30, 45]) : int(0, 59);
      const offset = pick([
        "Z",
        `${pick(["+", "-"])}${pad(hours)}${pad(minutes)}`,
        `${pick(["+", "-"])}${pad(hours)}:${pad(minutes)}`,
      ]);
      return `${date}${pick([" ", "T"])}${time}${fraction}${offset}`;
    }

    /** `text` with one char replaced, inserted or removed, or its offset dropped. */
    function mutated(text: string): string {
      const at = int(0, text.length - 1);
      const char = pick([..."0123456789-/: T.+Z", "x", "9", "1"]);
      switch (int(0, 3)) {
        case 0:
          return text.slice(0, at) + char + text.slice(at + 1);
        case 1:
          return text.slice(0, at) + char + text.slice(at);
        case 2:
          return text.slice(0, at) + text.slice(at + 1);
        default:
          return text.replace(/(Z|[+-]\d\d:?\d\d)$/, "");
      }
    }

    it("on pseudo-random timestamps across years 1900 to 2200, every month and month end", () => {
      let read = 0;
      let refused = 0;
      const leapDays = { read: 0, refused: 0 };
      for (let i = 0; i < 30_000; i++) {
        const text = timestamp();
        const expected = reference(text);
        const actual = parseVendorTimestamp(text);
        if (actual !== expected) expect.fail(`${text}: ${actual}, expected ${expected}`);
        if (expected === undefined) refused++;
        else read++;
        if (text.slice(5, 10) === "02-29" || text.slice(5, 10) === "02/29") {
          if (expected === undefined) leapDays.refused++;
          else leapDays.read++;
        }
      }
      // Not vacuous: most are read, and 29 February is read in some years and refused in others.
      expect(read).toBeGreaterThan(15_000);
      expect(refused).toBeGreaterThan(1_000);
      expect(leapDays.read).toBeGreaterThan(20);
      expect(leapDays.refused).toBeGreaterThan(20);
    });

    it("refuses impossible days, including 29 February of common and century years", () => {
      for (const year of [1970, 2025, 2026, 2100, 2200, 2300, 2500]) {
        expect(parseVendorTimestamp(`${year}-02-29 00:00:00.000+0000`)).toBeUndefined();
      }
      for (const year of [1972, 2000, 2024, 2028, 2400]) {
        expect(parseVendorTimestamp(`${year}-02-29 00:00:00.000+0000`)).toBe(Date.UTC(year, 1, 29));
      }
      for (const month of [4, 6, 9, 11]) {
        expect(parseVendorTimestamp(`2026-${pad(month)}-31 00:00:00Z`)).toBeUndefined();
      }
      for (const month of [1, 3, 5, 7, 8, 10, 12]) {
        expect(parseVendorTimestamp(`2026-${pad(month)}-31 00:00:00Z`)).toBe(
          Date.UTC(2026, month - 1, 31),
        );
      }
    });

    it("on the same timestamps with a char replaced, inserted or removed, or no offset", () => {
      let refused = 0;
      for (let i = 0; i < 30_000; i++) {
        const text = mutated(timestamp());
        const expected = reference(text);
        const actual = parseVendorTimestamp(text);
        if (actual !== expected)
          expect.fail(`${JSON.stringify(text)}: ${actual}, expected ${expected}`);
        if (expected === undefined) refused++;
      }
      expect(refused).toBeGreaterThan(20_000);
    });
  });
});

import { describe, expect, it } from "vitest";
import { parseTime } from "./time.ts";

const NOW = Date.UTC(2024, 0, 8, 12);

describe("parseTime", () => {
  it("a duration reaches back from now", () => {
    expect(parseTime("30m", NOW)).toBe(NOW - 1_800_000);
    expect(parseTime("7d", NOW)).toBe(Date.UTC(2024, 0, 1, 12));
    expect(parseTime("2w", NOW)).toBe(NOW - 14 * 86_400_000);
    expect(parseTime("90s", NOW)).toBe(NOW - 90_000);
  });

  it("a date or a date and time without a zone is UTC; a zone is kept", () => {
    expect(parseTime("2024-01-01", NOW)).toBe(Date.UTC(2024, 0, 1));
    expect(parseTime("2024-01-01T10:00", NOW)).toBe(Date.UTC(2024, 0, 1, 10));
    expect(parseTime("2024-01-01 10:00:30.5", NOW)).toBe(Date.UTC(2024, 0, 1, 10, 0, 30, 500));
    expect(parseTime("2024-01-01T10:00+02:00", NOW)).toBe(Date.UTC(2024, 0, 1, 8));
    expect(parseTime("2024-01-01T10:00-0130", NOW)).toBe(Date.UTC(2024, 0, 1, 11, 30));
    expect(parseTime("2024-01-31T09:30:15.250Z", NOW)).toBe(Date.UTC(2024, 0, 31, 9, 30, 15, 250));
  });

  it("ten to sixteen digits are epoch milliseconds", () => {
    expect(parseTime("1706695200000", NOW)).toBe(1_706_695_200_000);
    expect(parseTime("1706695200", NOW)).toBe(1_706_695_200);
  });

  it("a day the month does not have is no real date, though Date.parse would roll it over", () => {
    for (const text of ["2024-02-30", "2023-02-29", "2024-04-31T10:00", "2024-06-31T10:00+02:00"])
      expect(parseTime(text, NOW), text).toBeUndefined();
    expect(parseTime("2024-02-29", NOW)).toBe(Date.UTC(2024, 1, 29));
    expect(parseTime("2000-02-29T23:00-02:00", NOW)).toBe(Date.UTC(2000, 2, 1, 1));
  });

  it.each(["soon", "yesterday", "2024-13-45", "2024-01-01Tnoon", "2024-01-01 and more", "123", ""])(
    "refuses %j",
    (text) => {
      expect(parseTime(text, NOW)).toBeUndefined();
    },
  );
});

import { describe, expect, it } from "vitest";
import { UsageError } from "./config.ts";
import { parseWhen } from "./time.ts";

const NOW = Date.UTC(2024, 0, 8);

describe("--since and --until", () => {
  it("take a duration, a date (UTC without a zone) or epoch milliseconds; none is no bound", () => {
    expect(parseWhen("since", "7d", NOW)).toBe(Date.UTC(2024, 0, 1));
    expect(parseWhen("since", "2024-01-31", NOW)).toBe(Date.UTC(2024, 0, 31));
    expect(parseWhen("until", "2024-01-31T10:00", NOW)).toBe(Date.UTC(2024, 0, 31, 10));
    expect(parseWhen("until", "1706695200000", NOW)).toBe(1_706_695_200_000);
    expect(parseWhen("since", undefined, NOW)).toBeUndefined();
  });

  it("anything else is a usage error naming the flag and the forms", () => {
    expect(() => parseWhen("since", "yesterday", NOW)).toThrow(
      new UsageError(
        '--since "yesterday": give a duration like 7d or 24h, a date like 2024-01-31, or epoch milliseconds',
      ),
    );
    expect(() => parseWhen("until", "2024-02-30x", NOW)).toThrow(UsageError);
    // A day its month does not have, refused rather than rolled over to March 1.
    expect(() => parseWhen("until", "2024-02-30", NOW)).toThrow(
      new UsageError(
        '--until "2024-02-30": give a duration like 7d or 24h, a date like 2024-01-31, or epoch milliseconds',
      ),
    );
  });
});

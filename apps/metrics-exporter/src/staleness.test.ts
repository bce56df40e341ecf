import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { STALENESS_QUANTILES, staleness } from "./staleness.ts";

describe("staleness", () => {
  it("gives each quantile of the listed, read users' ages, as a sort would", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.option(fc.integer({ min: 0, max: 5_000 })), fc.boolean()), {
          maxLength: 200,
        }),
        (users) => {
          const now = 10_000;
          const lastReadAt = Float64Array.from(users, ([at]) => (at === null ? Number.NaN : at));
          const left = Uint8Array.from(users, ([, gone]) => (gone ? 1 : 0));
          const ages = users
            .filter(([at, gone]) => at !== null && !gone)
            .map(([at]) => now - (at as number))
            .sort((a, b) => a - b);
          const result = staleness(lastReadAt, left, users.length, now, 8_000);
          expect(result.read).toBe(ages.length);
          expect(result.overdue).toBe(ages.filter((a) => a > 8_000).length);
          expect(result.sumMs).toBe(ages.reduce((sum, a) => sum + a, 0));
          expect(result.quantiles).toEqual(
            ages.length === 0
              ? []
              : STALENESS_QUANTILES.map((q) => ages[Math.max(0, Math.ceil(q * ages.length) - 1)]),
          );
        },
      ),
    );
  });

  it("counts a read stamped in the future as fresh, not as a negative age", () => {
    const result = staleness(Float64Array.of(2_000), Uint8Array.of(0), 1, 1_000, 500);
    expect(result.quantiles).toEqual([0, 0, 0, 0]);
  });
});

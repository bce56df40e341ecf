import { describe, expect, it } from "vitest";
import {
  combineOrders,
  jsonType,
  orderOfTimes,
  summariseFields,
  timestampFormat,
} from "./doctor-shape.ts";

describe("timestampFormat", () => {
  it.each([
    ["2026-08-01 20:51:14.250+0530", "YYYY-MM-DD HH:mm:ss.SSS+HHMM"],
    ["2026/08/01 20:51:14.250-0500", "YYYY/MM/DD HH:mm:ss.SSS-HHMM"],
    ["2026-08-01T20:51:14Z", "YYYY-MM-DDTHH:mm:ssZ"],
    ["2026-08-01 20:51:14.250000+05:30", "YYYY-MM-DD HH:mm:ss.SSSSSS+HH:MM"],
    ["2026-08-01 20:51", "YYYY-MM-DD HH:mm"],
    [1785597674250, "number (epoch milliseconds)"],
    [1785597674, "number (epoch seconds?)"],
    [1.5, "number (with a fraction)"],
    ["1785597674250", "string of 13 digits"],
    ["01/08/2026, 20:51:14", 'string like "##/##/####, ##:##:##"'],
    ["Août 1 2026", 'string like "aaaa # ####"'],
    [null, "null"],
  ])("%j is %s, never the value", (value, format) => {
    expect(timestampFormat(value)).toBe(format);
  });
});

describe("summariseFields", () => {
  it("gives each path its JSON types and presence, nested paths after their field", () => {
    expect(
      summariseFields([
        { a: 1, file: { url: "x", mimeType: "y" }, list: [{ k: true }] },
        { a: "1", file: null, b: null },
      ]),
    ).toEqual([
      { path: "a", types: ["number", "string"], present: 2, of: 2 },
      { path: "file", types: ["null", "object"], present: 2, of: 2 },
      { path: "file.url", types: ["string"], present: 1, of: 1 },
      { path: "file.mimeType", types: ["string"], present: 1, of: 1 },
      { path: "list", types: ["array"], present: 1, of: 2 },
      { path: "list[]", types: ["object"], present: 1, of: 1 },
      { path: "list[].k", types: ["boolean"], present: 1, of: 1 },
      { path: "b", types: ["null"], present: 1, of: 2 },
    ]);
  });
});

describe("orders", () => {
  it("reads a list by every neighbouring pair", () => {
    expect(orderOfTimes([3, 2, 2, 1])).toBe("newest-first");
    expect(orderOfTimes([1, 1, 2])).toBe("oldest-first");
    expect(orderOfTimes([1, 3, 2])).toBe("inconsistent");
    expect(orderOfTimes([5, 5])).toBeUndefined();
    expect(orderOfTimes([])).toBeUndefined();
  });

  it("combines pages and the step between them", () => {
    expect(combineOrders(["newest-first", undefined, "newest-first"])).toBe("newest-first");
    expect(combineOrders([undefined, undefined])).toBe("undetermined");
    expect(combineOrders(["newest-first", "oldest-first"])).toBe("inconsistent");
    expect(combineOrders(["inconsistent"])).toBe("inconsistent");
  });

  it("names JSON types", () => {
    expect([null, [], {}, "", 0, true].map(jsonType)).toEqual([
      "null",
      "array",
      "object",
      "string",
      "number",
      "boolean",
    ]);
  });
});

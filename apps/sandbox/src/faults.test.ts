import { describe, expect, it } from "vitest";
import { FaultTable, parseFault } from "./faults.ts";

describe("FaultTable", () => {
  it("fires a count-limited fault N times, then expires it", () => {
    const table = new FaultTable();
    table.add({ endpoint: "history", type: "status", status: 503, count: 2 });
    expect([1, 2, 3].map(() => table.take("history").length)).toEqual([1, 1, 0]);
    expect(table.list()).toEqual([]);
  });
  it("fires on a share of requests", () => {
    let i = 0;
    const sequence = [0.1, 0.9, 0.2, 0.8];
    const table = new FaultTable(() => sequence[i++ % 4] as number);
    table.add({ endpoint: "all", type: "latency", latencyMs: 5, rate: 0.5 });
    expect([1, 2, 3, 4].map(() => table.take("users").length)).toEqual([1, 0, 1, 0]);
  });
  it("targets one endpoint or all", () => {
    const table = new FaultTable();
    table.set([{ endpoint: "users", type: "malformed" }]);
    expect(table.take("history")).toEqual([]);
    expect(table.take("users")).toHaveLength(1);
  });
});

describe("parseFault", () => {
  it.each([
    [{ endpoint: "everything", type: "hang" }, "fault.endpoint"],
    [{ endpoint: "users", type: "explode" }, "fault.type"],
    [{ endpoint: "users", type: "status", status: 418 }, "fault.status"],
    [{ endpoint: "users", type: "latency" }, "fault.latencyMs"],
    [{ endpoint: "users", type: "hang", rate: 2 }, "fault.rate"],
    [{ endpoint: "users", type: "hang", count: 0 }, "fault.count"],
    [{ endpoint: "users", type: "hang", colour: "red" }, "fault.colour"],
  ])("names the bad field of %j", (fault, field) => {
    expect(() => parseFault(fault)).toThrow(field);
  });
});

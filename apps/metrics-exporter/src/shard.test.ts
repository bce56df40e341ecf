import { expect, it } from "vitest";
import { fnv1a, ownsUser } from "./shard.ts";

it("gives every user to exactly one shard, spread evenly", () => {
  const ids = Array.from({ length: 3000 }, (_, i) => `9198${String(i).padStart(8, "0")}`);
  const counts = [0, 1, 2].map((shard) => ids.filter((id) => ownsUser(id, shard, 3)).length);
  expect(counts.reduce((a, b) => a + b)).toBe(3000);
  for (const c of counts) expect(c).toBeGreaterThan(900);
  expect(fnv1a("hello")).toBe(0x4f9f2cab);
  expect(ownsUser("x", 0, 1)).toBe(true);
});

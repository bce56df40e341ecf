import { describe, expect, it } from "vitest";
import { metricSender } from "./sender.ts";

describe("metricSender", () => {
  it("keeps bot and agent, and counts everything else as the user", () => {
    expect(metricSender("bot")).toBe("bot");
    expect(metricSender("agent")).toBe("agent");
    expect(metricSender("user")).toBe("user");
    // What the core passes through: a missing sender, and values the vendor was never seen to send.
    for (const other of ["unknown", "visitor_42", "system", "BOT", ""])
      expect(metricSender(other)).toBe("user");
  });
});

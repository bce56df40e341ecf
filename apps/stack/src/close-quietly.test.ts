import { describe, expect, it } from "vitest";
import { closeQuietly } from "./close-quietly.ts";

describe("closeQuietly", () => {
  it("runs every closer, in order, though one throws or rejects, and never throws itself", async () => {
    const ran: string[] = [];
    await expect(
      closeQuietly([
        () => {
          ran.push("slack");
          throw new Error("slack would not close");
        },
        async () => {
          ran.push("exporter");
          throw new Error("state is locked");
        },
        () => {
          ran.push("sandbox");
        },
      ]),
    ).resolves.toBeUndefined();
    expect(ran).toEqual(["slack", "exporter", "sandbox"]);
  });
});

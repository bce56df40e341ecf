import { describe, expect, it } from "vitest";
import { displayBaseUrl } from "./doctor.ts";

describe("displayBaseUrl", () => {
  it("keeps scheme, host and path, never credentials, query or trailing slashes", () => {
    expect(displayBaseUrl("https://user:pw@api.engati.com/x//?k=1")).toBe(
      "https://api.engati.com/x",
    );
    expect(displayBaseUrl("not a url")).toBe("(invalid base URL)");
  });

  // `/\/+$/` retried from every slash of a run: 0.5 s at 40,000, minutes at this size.
  it("a path of 800,000 slashes before a letter", () => {
    expect(displayBaseUrl(`http://h/${"/".repeat(800_000)}a`)).toBe(
      `http://h/${"/".repeat(800_000)}a`,
    );
  });
});

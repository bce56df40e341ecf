import { describe, expect, it } from "vitest";
import { splitNameValue } from "./name-value.ts";

describe("splitNameValue", () => {
  it("cuts at the first =", () => {
    expect(splitNameValue("plan=gold")).toEqual({ name: "plan", value: "gold" });
    expect(splitNameValue("note=a=b")).toEqual({ name: "note", value: "a=b" });
    expect(splitNameValue("name=Asha Rao")).toEqual({ name: "name", value: "Asha Rao" });
  });

  it.each([undefined, "", "plan", "=gold", "plan=", "="])("refuses %j", (text) => {
    expect(splitNameValue(text)).toBeUndefined();
  });
});

import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkApiKey, parseDotEnv, resolveSettings } from "./config.ts";

describe("parseDotEnv", () => {
  it("cuts a ` #` comment, keeps a # inside a value or quotes", () => {
    expect(
      parseDotEnv('A=x #note\nB=x#y\nC="x #y"\nD=\'q\'\nexport E = 1\t# t\nF="\nG=a  #\n'),
    ).toEqual({ A: "x", B: "x#y", C: "x #y", D: "q", E: "1", F: '"', G: "a" });
  });

  // With `/\s+#.*$/` this took 22 s at 200,000 spaces (quadratic), past vitest's limit here.
  it("reads a value of 400,000 spaces without a #", () => {
    expect(parseDotEnv(`A=x${" ".repeat(400_000)}y`).A).toBe(`x${" ".repeat(400_000)}y`);
  });
});

describe("parseDotEnv on hostile lines", () => {
  // `\s*=\s*(.*)$` backtracked through every split of the spaces when `.` met the lone CR.
  it("a lone CR or U+2028 after a megabyte of spaces stays in the value", () => {
    const spaces = " ".repeat(1_000_000);
    expect(parseDotEnv(`A=${spaces}x\ry\nB=${spaces}p\u2028q\nC=1`)).toEqual({
      A: "x\ry",
      B: "p\u2028q",
      C: "1",
    });
  });

  it("a value that starts with # keeps it, and loses its comment", () => {
    expect(parseDotEnv("KEY=#abc # note\nOTHER=#\nTHIRD= #x")).toEqual({
      KEY: "#abc",
      OTHER: "#",
      THIRD: "#x",
    });
  });

  it("names: `export `, spaces around `=`, and lines that are no assignment", () => {
    expect(parseDotEnv("export  A = 1\nexport=2\n1B=3\nC D=4\nnothing here\n=5\n_E=a=b\n")).toEqual(
      { A: "1", export: "2", _E: "a=b" },
    );
  });
});

describe("the API key", () => {
  const base = { MYBOT_CUSTOMER_ID: "10294", MYBOT_BOT_KEY: "1a1c9bfa5e0f41ed" };
  const cwd = mkdtempSync(join(tmpdir(), "mybot-config-"));

  it.each([
    ["CR LF", "secret-key-1234\r\nX-Evil: 1"],
    ["LF", "secret-key-1234\n"],
    ["NUL", "secret-key-1234\u0000"],
    ["DEL", "secret-key-1234\u007f"],
  ])("with %s is refused, naming MYBOT_API_KEY and not the value", (_, key) => {
    let message = "";
    try {
      resolveSettings({}, { ...base, MYBOT_API_KEY: key }, cwd);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe(
      "MYBOT_API_KEY (or --api-key) holds a control character, such as a line break: set it to the key alone",
    );
    expect(() => checkApiKey(key)).toThrow(/MYBOT_API_KEY/);
  });

  it("an ordinary key passes", () => {
    expect(checkApiKey("6f1c0a52-7a43-4d55-9c2e-1b8f3e0d2a71-AbC1234")).toBe(
      "6f1c0a52-7a43-4d55-9c2e-1b8f3e0d2a71-AbC1234",
    );
  });

  it("a base URL that is not http(s) is refused by name, without repeating it", () => {
    expect(() =>
      resolveSettings({}, { ...base, MYBOT_API_KEY: "k", MYBOT_BASE_URL: "ftp://u:pw@x" }, cwd),
    ).toThrow(
      "MYBOT_BASE_URL (or --base-url) is not an http(s) URL: set it like https://api.engati.com",
    );
  });
});

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseDotEnv, readDotEnv } from "./dotenv.ts";

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

describe("readDotEnv", () => {
  it("reads the directory's .env, and is empty without one", () => {
    const dir = mkdtempSync(join(tmpdir(), "mybot-dotenv-"));
    expect(readDotEnv(dir)).toEqual({});
    writeFileSync(join(dir, ".env"), "MYBOT_BOT_KEY=some-bot\n");
    expect(readDotEnv(dir)).toEqual({ MYBOT_BOT_KEY: "some-bot" });
  });
});

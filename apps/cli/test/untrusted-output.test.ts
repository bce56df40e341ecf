/**
 * What the CLI prints when MyBOT's data or the user's settings are hostile: no control sequence
 * from the server reaches a terminal (tables, errors, the doctor's report, CSV on a TTY), and an
 * API key holding CR, LF or NUL is refused by name, never shown.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../src/main.ts";
import { scrubKey } from "../src/scrub-key.ts";
import { type CohortVendor, startCohortVendor } from "./cohort-vendor.ts";
import { runCli } from "./run-cli.ts";
import { observedPage, type StandIn, startStandIn } from "./stand-in-vendor.ts";

// biome-ignore lint/suspicious/noControlCharactersInRegex: what must never reach a terminal.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

let standIn: StandIn;
let cohort: CohortVendor;
beforeAll(async () => {
  standIn = await startStandIn();
  cohort = await startCohortVendor(["\u001b]0;owned\u0007=1+1"], 1);
});
afterAll(async () => {
  await standIn.close();
  await cohort.close();
});

describe("an API key with control characters", () => {
  const SECRET = "secret-key-1234";
  it.each([
    ["CR LF", `${SECRET}\r\nX-Injected: 1`],
    ["LF", `${SECRET}\n`],
    ["NUL", `${SECRET}\u0000tail`],
  ])(
    "with %s: exit 2, one line naming MYBOT_API_KEY, never the key, --debug too",
    async (_, key) => {
      for (const argv of [
        ["users", "--attribute", "a=b"],
        ["users", "--attribute", "a=b", "--debug"],
      ]) {
        const { code, stderr } = await runCli(argv, {
          env: { ...standIn.env, MYBOT_API_KEY: key },
        });
        expect(code).toBe(2);
        expect(stderr.split("\n")[0]).toBe(
          "mybot: MYBOT_API_KEY (or --api-key) holds a control character, such as a line break: set it to the key alone",
        );
        expect(stderr).not.toContain(SECRET);
        expect(stderr).not.toMatch(/\n\s+at /);
      }
      const flag = await runCli(["users", "--attribute", "a=b", "--api-key", key], {
        env: standIn.env,
      });
      expect(flag.code).toBe(2);
      expect(flag.stderr).not.toContain(SECRET);
    },
  );

  it("scrubKey hides the key whole, JSON-escaped, and cut at its line breaks", () => {
    const key = `${SECRET}\r\nX-Injected: 1`;
    expect(
      scrubKey(`a ${key} b ${JSON.stringify(key)} c ${SECRET} d X-Injected: 1`, [undefined, key]),
    ).toBe('a <redacted> b "<redacted>" c <redacted> d <redacted>');
  });
});

describe("text from the server on a terminal", () => {
  it("an error's name and details: shown with escapes", async () => {
    standIn.history = () => ({
      status: 400,
      body: {
        errorCode: 1004,
        errorMessage: "INVALID_PAGE_NUMBER",
        errorDetails: "\u001b]0;owned\u0007\u001b[2J\u009b31mwiped\u202e",
      },
    });
    const { code, stderr } = await runCli(["history", "1"], { env: standIn.env });
    expect(code).toBe(4);
    expect(stderr).not.toMatch(CONTROL);
    expect(stderr).toContain("INVALID_PAGE_NUMBER");
    expect(stderr).toContain("owned");
  });

  it("the doctor's report: field names shown with escapes", async () => {
    standIn.history = (page, size) => ({
      status: 200,
      body: {
        conversations: observedPage(page, size).map((m) => ({ ...m, "\u001b[31mred": 1 })),
      },
    });
    const { stdout } = await runCli(["doctor", "--user", "1"], { env: standIn.env });
    expect(stdout).toContain("\\x1B[31mred");
    expect(stdout).not.toMatch(CONTROL);
  });

  it("CSV: exact when piped, shown with escapes on a terminal", async () => {
    const csv = async (isTTY: boolean) => {
      let stdout = "";
      await main(["users", "--attribute", "plan=gold", "--format", "csv"], {
        stdout: { write: (t: string) => (stdout += t), isTTY },
        stderr: { write: () => true },
        env: cohort.env,
        cwd: process.cwd(),
      });
      return stdout.split("\n")[1];
    };
    expect(await csv(false)).toBe(
      "\u001b]0;owned\u0007=1+1,web,user \u001b]0;owned\u0007=1+1,gold",
    );
    expect(await csv(true)).toBe("\\x1B]0;owned\\x07=1+1,web,user \\x1B]0;owned\\x07=1+1,gold");
  });
});

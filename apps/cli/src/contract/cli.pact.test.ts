/**
 * The `mybot-cli` pact: what the command line asks of MyBOT, driven through `main()` itself.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { mybotEnv } from "@mybot/test-kit";
import {
  ASHA,
  ashaHistorySince,
  consumerPact,
  goldUsers,
  PACT_CREDENTIAL,
} from "@mybot/test-kit/pact";
import { describe, expect, it } from "vitest";
import { main } from "../main.ts";

const pact = consumerPact("mybot-cli");

async function cli(baseUrl: string, argv: string[]) {
  let stdout = "";
  const code = await main(argv, {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: () => true },
    env: mybotEnv(PACT_CREDENTIAL, baseUrl),
    cwd: mkdtempSync(join(tmpdir(), "mybot-cli-pact-")),
  });
  return { code, stdout };
}

describe("mybot-cli", () => {
  it("users", () =>
    goldUsers(pact, "a command-line lookup of the users on plan gold").executeTest(async (mock) => {
      const { code, stdout } = await cli(mock.url, [
        "users",
        "--attribute",
        "plan=gold",
        "--format",
        "ndjson",
      ]);
      expect(code).toBe(0);
      expect(JSON.parse(stdout).channelUserId).toBe(ASHA.channelUserId);
    }));

  it("history since a date", () =>
    ashaHistorySince(
      pact,
      "a command-line read of a user's history since a date",
      ASHA.start,
    ).executeTest(async (mock) => {
      const { code, stdout } = await cli(mock.url, [
        "history",
        ASHA.channelUserId,
        "--since",
        String(ASHA.start),
        "--format",
        "ndjson",
      ]);
      expect(code).toBe(0);
      expect(JSON.parse(stdout.split("\n")[0] as string).timestamp).toBe(ASHA.start);
    }));
});

/**
 * The `mybot-cli` pact: what the command line asks of MyBOT, driven through `main()` itself.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  ASHA,
  authHeader,
  consumerPact,
  historyBody,
  jsonHeader as json,
  messageLike,
  PACT_CREDENTIAL,
  PREFIX,
  pinnedEndDate,
  usersBody,
} from "@mybot/test-kit/pact";
import { describe, expect, it } from "vitest";
import { main } from "../main.ts";

const pact = consumerPact("mybot-cli");
const KEY = PACT_CREDENTIAL.apiKey;
const auth = authHeader();

async function cli(baseUrl: string, argv: string[]) {
  let stdout = "";
  const code = await main(argv, {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: () => true },
    env: {
      MYBOT_BASE_URL: baseUrl,
      MYBOT_API_KEY: KEY,
      MYBOT_CUSTOMER_ID: "10294",
      MYBOT_BOT_KEY: "1a1c9bfa5e0f41ed",
    },
    cwd: mkdtempSync(join(tmpdir(), "mybot-cli-pact-")),
  });
  return { code, stdout };
}

describe("mybot-cli", () => {
  it("users", () =>
    pact
      .addInteraction()
      .given("an active API key")
      .given("a user with an attribute", {
        channelUserId: ASHA.channelUserId,
        name: "plan",
        value: "gold",
      })
      .uponReceiving("a command-line lookup of the users on plan gold")
      .withRequest("GET", `${PREFIX}/users`, (b) =>
        b.query({ attribute_name: "plan", attribute_value: "gold" }).headers(auth),
      )
      .willRespondWith(200, (b) => b.headers(json).jsonBody(usersBody()))
      .executeTest(async (mock) => {
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
    pact
      .addInteraction()
      .given("an active API key")
      .given("a user with chat history", ASHA)
      .uponReceiving("a command-line read of a user's history since a date")
      .withRequest("GET", `${PREFIX}/channel-user/${ASHA.channelUserId}/conversations`, (b) =>
        b
          .query({
            start_date: String(ASHA.start),
            end_date: pinnedEndDate,
            page_number: "1",
            page_size: "500",
          })
          .headers(auth),
      )
      .willRespondWith(200, (b) =>
        b.headers(json).jsonBody(historyBody(messageLike(ASHA.start, "user", "hello"))),
      )
      .executeTest(async (mock) => {
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

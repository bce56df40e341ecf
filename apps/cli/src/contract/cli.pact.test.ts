/**
 * The `mybot-cli` pact: what the command line asks of MyBOT, driven through `main()` itself.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PactV4 } from "@pact-foundation/pact";
import { eachLike, integer, like, regex } from "@pact-foundation/pact/src/v3/matchers";
import { describe, expect, it } from "vitest";
import { main } from "../main.ts";
import { PACT_DIR } from "./delete-stale-pact.ts";

const pact = new PactV4({
  consumer: "mybot-cli",
  provider: "mybot-api",
  dir: PACT_DIR,
  logLevel: "warn",
});
const PREFIX = "/bot-api/v1.0/customer/10294/bot/1a1c9bfa5e0f41ed";
// The pacts share one credential, which the provider states create (contracts/test/provider-states.ts).
const KEY = "0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d-PACT001";
const auth = { Authorization: regex("^Basic \\S+$", `Basic ${KEY}`) };
const json = { "Content-Type": regex("^application/json", "application/json") };
const ASHA = { channelUserId: "919812345678", messages: 3, start: 1_700_000_000_000 };

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
      .willRespondWith(200, (b) =>
        b.headers(json).jsonBody({
          users: eachLike({
            channelUserId: like(ASHA.channelUserId),
            channel: like("whatsapp"),
            name: like("Asha"),
            attributes: like({ plan: "gold" }),
          }),
          total: integer(1),
        }),
      )
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
        b.query({ start_date: String(ASHA.start), page_number: "1" }).headers(auth),
      )
      .willRespondWith(200, (b) =>
        b.headers(json).jsonBody({
          channelUserId: ASHA.channelUserId,
          messages: eachLike({
            id: like("m1"),
            timestamp: integer(ASHA.start),
            sender: regex("^(user|bot|agent)$", "user"),
            text: like("hello"),
          }),
          pagination: {
            pageNumber: integer(1),
            pageSize: integer(500),
            totalMessages: integer(3),
            totalPages: integer(1),
            hasNextPage: false,
          },
        }),
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

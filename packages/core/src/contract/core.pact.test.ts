/**
 * The `mybot-core` library pact: every endpoint, parameter and error the client supports,
 * exercised through the real client against Pact's mock server. Code that imports
 * @mybot/core inherits this verified contract.
 */

import {
  ASHA,
  authHeader as auth,
  consumerPact,
  errorBody,
  goldUsers,
  historyBody,
  jsonHeader as json,
  messageLike as message,
  PACT_CREDENTIAL,
  PREFIX,
  unknownUserHistory,
} from "@mybot/test-kit/pact";
import type { V4ResponseBuilder } from "@pact-foundation/pact/src/v4/http/types";
import { describe, expect, it } from "vitest";
import { createMyBotClient } from "../client.ts";
import { failure } from "../test-helpers.ts";
import type { MyBotClientOptions } from "../types.ts";

const pact = consumerPact("mybot-core");
const T0 = ASHA.start;
const client = (url: string, overrides: Partial<MyBotClientOptions> = {}) =>
  createMyBotClient({ baseUrl: url, ...PACT_CREDENTIAL, maxRetries: 0, ...overrides });
const history = `${PREFIX}/channel-user/${ASHA.channelUserId}/conversations`;
/** The cohort most interactions ask for, as the client takes it and as the wire carries it. */
const GOLD = { attributeName: "plan", attributeValue: "gold" };
const GOLD_QUERY = { attribute_name: "plan", attribute_value: "gold" };
/** The vendor's error answer: JSON with its code, name and details text. */
const errorAnswer = (code: number, name: string, details: string) => (b: V4ResponseBuilder) =>
  b.headers(json).jsonBody(errorBody(code, name, details));
/** An interaction on Asha's history, with the key active: what every history case but 1002 needs. */
const ashaHistory = (description: string) =>
  pact
    .addInteraction()
    .given("an active API key")
    .given("a user with chat history", ASHA)
    .uponReceiving(description);

describe("getMatchingUsers", () => {
  it("users found", () =>
    goldUsers(pact, "a request for the users on plan gold").executeTest(async (mock) => {
      const users = await client(mock.url).getMatchingUsers(GOLD);
      expect(users[0]?.channelUserId).toBe(ASHA.channelUserId);
      expect(users[0]?.attributes.plan).toBe("gold");
    }));

  it("none found", () =>
    pact
      .addInteraction()
      .given("an active API key")
      .uponReceiving("a request for the users on plan diamond, which nobody has")
      .withRequest("GET", `${PREFIX}/users`, (b) =>
        b.query({ attribute_name: "plan", attribute_value: "diamond" }).headers(auth()),
      )
      .willRespondWith(200, (b) => b.headers(json).jsonBody({ users: [], total: 0 }))
      .executeTest(async (mock) => {
        expect(
          await client(mock.url).getMatchingUsers({
            attributeName: "plan",
            attributeValue: "diamond",
          }),
        ).toEqual([]);
      }));

  it("404 for an unknown bot", () =>
    pact
      .addInteraction()
      .given("an active API key")
      .uponReceiving("a request for the users of a bot that does not exist")
      .withRequest(
        "GET",
        `/bot-api/v1.0/customer/${PACT_CREDENTIAL.customerId}/bot/0000000000000000/users`,
        (b) => b.query(GOLD_QUERY).headers(auth()),
      )
      .willRespondWith(404, errorAnswer(404, "NOT_FOUND", "No such customer or bot."))
      .executeTest(async (mock) => {
        const error = await failure(
          client(mock.url, { botKey: "0000000000000000" }).getMatchingUsers(GOLD),
        );
        expect(error).toMatchObject({ name: "MyBotNotFoundError", status: 404, code: 404 });
      }));

  it("500 from the server", () =>
    pact
      .addInteraction()
      .given("an active API key")
      .given("the users endpoint fails")
      .uponReceiving("a request for users while the server fails")
      .withRequest("GET", `${PREFIX}/users`, (b) => b.query(GOLD_QUERY).headers(auth()))
      .willRespondWith(500, errorAnswer(500, "INTERNAL_SERVER_ERROR", "Server-side API failure."))
      .executeTest(async (mock) => {
        const error = await failure(client(mock.url).getMatchingUsers(GOLD));
        expect(error).toMatchObject({ name: "MyBotServerError", status: 500, code: 500 });
      }));
});

describe("authentication", () => {
  const REFUSED = "The API key is missing, invalid or revoked.";
  const NOT_GRANTED = "The API key does not grant access to this customer or bot.";
  // The provider state that sets the key up (none for a key never issued), then what MyBOT says.
  it.each([
    [
      "401 for an unknown key",
      "not-a-real-key",
      undefined,
      "a request with a key MyBOT never issued",
      401,
      "UNAUTHORIZED",
      REFUSED,
    ],
    [
      "401 for a revoked key",
      "revoked-0000-PACT",
      "a revoked API key",
      "a request with a revoked key",
      401,
      "UNAUTHORIZED",
      REFUSED,
    ],
    [
      "403 for a key of another bot",
      "other-bot-0000-PACT",
      "an API key of another bot",
      "a request with a key issued for another bot",
      403,
      "FORBIDDEN",
      NOT_GRANTED,
    ],
  ] as const)("%s", (_, key, state, description, status, name, details) => {
    const interaction = pact.addInteraction();
    return (state ? interaction.given(state, { key }) : interaction)
      .uponReceiving(description)
      .withRequest("GET", `${PREFIX}/users`, (b) => b.query(GOLD_QUERY).headers(auth(key)))
      .willRespondWith(status, errorAnswer(status, name, details))
      .executeTest(async (mock) => {
        const error = await failure(client(mock.url, { apiKey: key }).getMatchingUsers(GOLD));
        expect(error).toMatchObject({ name: "MyBotAuthError", status, code: status });
      });
  });
});

describe("getChatHistory", () => {
  // The observed shape: `conversations`, newest first, no ids, no page metadata. The client
  // must not depend on the order, so no interaction pins it.
  it("the first page with the defaults", () =>
    ashaHistory("a request for a user's chat history")
      .withRequest("GET", history, (b) => b.headers(auth()))
      .willRespondWith(200, (b) =>
        b.headers(json).jsonBody(historyBody(message(T0 + 2000, "user", "hello"))),
      )
      .executeTest(async (mock) => {
        const result = await client(mock.url).getChatHistory(ASHA.channelUserId);
        expect(result.messages[0]?.timestamp).toBe(T0 + 2000);
        expect(result.messages[0]?.text).toBe("hello");
        expect(result.listKey).toBe("conversations");
        expect(result.pagination.hasNextPage).toBe(false);
      }));

  it("filtered by start_date and end_date", () =>
    ashaHistory("a request for a user's chat history between two dates")
      .withRequest("GET", history, (b) =>
        b.query({ start_date: String(T0 + 1000), end_date: String(T0 + 2000) }).headers(auth()),
      )
      .willRespondWith(200, (b) =>
        b.headers(json).jsonBody(historyBody(message(T0 + 1000, "bot", "hello"))),
      )
      .executeTest(async (mock) => {
        const result = await client(mock.url).getChatHistory(ASHA.channelUserId, {
          startDate: new Date(T0 + 1000),
          endDate: T0 + 2000,
        });
        expect(result.messages.map((m) => m.timestamp)).toEqual([T0 + 1000]);
      }));

  it("page N with page_size", () =>
    ashaHistory("a request for page 2 of a user's chat history, 2 per page")
      .withRequest("GET", history, (b) =>
        b.query({ page_number: "2", page_size: "2" }).headers(auth()),
      )
      .willRespondWith(200, (b) =>
        b.headers(json).jsonBody(historyBody(message(T0, "user", "hello"))),
      )
      .executeTest(async (mock) => {
        const result = await client(mock.url).getChatHistory(ASHA.channelUserId, {
          pageNumber: 2,
          pageSize: 2,
        });
        expect(result.messages).toHaveLength(1);
        expect(result.pagination).toMatchObject({ pageNumber: 2, hasNextPage: false });
      }));

  it("past the end", () =>
    ashaHistory("a request for a page past the end of a user's chat history")
      .withRequest("GET", history, (b) =>
        b.query({ page_number: "9", page_size: "2" }).headers(auth()),
      )
      .willRespondWith(200, (b) => b.headers(json).jsonBody(historyBody()))
      .executeTest(async (mock) => {
        const result = await client(mock.url).getChatHistory(ASHA.channelUserId, {
          pageNumber: 9,
          pageSize: 2,
        });
        expect(result.messages).toEqual([]);
        expect(result.pagination.hasNextPage).toBe(false);
      }));

  it("1002 for an unknown user", () =>
    unknownUserHistory(
      pact,
      "a request for the chat history of a user who does not exist",
    ).executeTest(async (mock) => {
      const error = await failure(client(mock.url).getChatHistory("nobody-here"));
      expect(error).toMatchObject({
        name: "MyBotBadRequestError",
        status: 400,
        code: 1002,
        errorName: "INVALID_BOT_OR_CUSTOMER_ID",
      });
    }));

  // Input the client would refuse itself (validateInput: false lets it through to MyBOT).
  it.each([
    [
      "1003 for end_date before start_date",
      "a request for chat history with end_date before start_date",
      { start_date: String(T0 + 5000), end_date: String(T0) },
      { startDate: T0 + 5000, endDate: T0 },
      1003,
      "INVALID_INPUT_DATE_VALUE",
      "The start_date and end_date values are the time in milliseconds and the end_date should be greater than start_date.",
    ],
    [
      "1004 for page 0",
      "a request for page 0 of a user's chat history",
      { page_number: "0" },
      { pageNumber: 0 },
      1004,
      "INVALID_PAGE_NUMBER",
      "Please enter the correct page number. The page number in the API is a positive integer value starting with 1.",
    ],
  ])("%s", (_, description, query, options, code, errorName, details) =>
    ashaHistory(description)
      .withRequest("GET", history, (b) => b.query(query).headers(auth()))
      .willRespondWith(400, errorAnswer(code, errorName, details))
      .executeTest(async (mock) => {
        const error = await failure(
          client(mock.url, { validateInput: false }).getChatHistory(ASHA.channelUserId, options),
        );
        expect(error).toMatchObject({ name: "MyBotBadRequestError", code, errorName });
      }),
  );
});

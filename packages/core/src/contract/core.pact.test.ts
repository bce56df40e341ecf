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
import { describe, expect, it } from "vitest";
import { createMyBotClient } from "../client.ts";
import { failure } from "../test-helpers.ts";
import type { MyBotClientOptions } from "../types.ts";

const pact = consumerPact("mybot-core");
const T0 = ASHA.start;
const client = (url: string, overrides: Partial<MyBotClientOptions> = {}) =>
  createMyBotClient({ baseUrl: url, ...PACT_CREDENTIAL, maxRetries: 0, ...overrides });
const history = `${PREFIX}/channel-user/${ASHA.channelUserId}/conversations`;

describe("getMatchingUsers", () => {
  it("users found", () =>
    goldUsers(pact, "a request for the users on plan gold").executeTest(async (mock) => {
      const users = await client(mock.url).getMatchingUsers({
        attributeName: "plan",
        attributeValue: "gold",
      });
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
        (b) => b.query({ attribute_name: "plan", attribute_value: "gold" }).headers(auth()),
      )
      .willRespondWith(404, (b) =>
        b.headers(json).jsonBody(errorBody(404, "NOT_FOUND", "No such customer or bot.")),
      )
      .executeTest(async (mock) => {
        const error = await failure(
          client(mock.url, { botKey: "0000000000000000" }).getMatchingUsers({
            attributeName: "plan",
            attributeValue: "gold",
          }),
        );
        expect(error).toMatchObject({ name: "MyBotNotFoundError", status: 404, code: 404 });
      }));

  it("500 from the server", () =>
    pact
      .addInteraction()
      .given("an active API key")
      .given("the users endpoint fails")
      .uponReceiving("a request for users while the server fails")
      .withRequest("GET", `${PREFIX}/users`, (b) =>
        b.query({ attribute_name: "plan", attribute_value: "gold" }).headers(auth()),
      )
      .willRespondWith(500, (b) =>
        b
          .headers(json)
          .jsonBody(errorBody(500, "INTERNAL_SERVER_ERROR", "Server-side API failure.")),
      )
      .executeTest(async (mock) => {
        const error = await failure(
          client(mock.url).getMatchingUsers({ attributeName: "plan", attributeValue: "gold" }),
        );
        expect(error).toMatchObject({ name: "MyBotServerError", status: 500, code: 500 });
      }));
});

describe("authentication", () => {
  const users = (
    b: Parameters<Parameters<ReturnType<typeof pact.addInteraction>["withRequest"]>[2] & object>[0],
    key: string,
  ) => b.query({ attribute_name: "plan", attribute_value: "gold" }).headers(auth(key));

  it("401 for an unknown key", () =>
    pact
      .addInteraction()
      .uponReceiving("a request with a key MyBOT never issued")
      .withRequest("GET", `${PREFIX}/users`, (b) => users(b, "not-a-real-key"))
      .willRespondWith(401, (b) =>
        b
          .headers(json)
          .jsonBody(errorBody(401, "UNAUTHORIZED", "The API key is missing, invalid or revoked.")),
      )
      .executeTest(async (mock) => {
        const error = await failure(
          client(mock.url, { apiKey: "not-a-real-key" }).getMatchingUsers({
            attributeName: "plan",
            attributeValue: "gold",
          }),
        );
        expect(error).toMatchObject({ name: "MyBotAuthError", status: 401 });
      }));

  it("401 for a revoked key", () =>
    pact
      .addInteraction()
      .given("a revoked API key", { key: "revoked-0000-PACT" })
      .uponReceiving("a request with a revoked key")
      .withRequest("GET", `${PREFIX}/users`, (b) => users(b, "revoked-0000-PACT"))
      .willRespondWith(401, (b) =>
        b
          .headers(json)
          .jsonBody(errorBody(401, "UNAUTHORIZED", "The API key is missing, invalid or revoked.")),
      )
      .executeTest(async (mock) => {
        const error = await failure(
          client(mock.url, { apiKey: "revoked-0000-PACT" }).getMatchingUsers({
            attributeName: "plan",
            attributeValue: "gold",
          }),
        );
        expect(error).toMatchObject({ name: "MyBotAuthError", status: 401, code: 401 });
      }));

  it("403 for a key of another bot", () =>
    pact
      .addInteraction()
      .given("an API key of another bot", { key: "other-bot-0000-PACT" })
      .uponReceiving("a request with a key issued for another bot")
      .withRequest("GET", `${PREFIX}/users`, (b) => users(b, "other-bot-0000-PACT"))
      .willRespondWith(403, (b) =>
        b
          .headers(json)
          .jsonBody(
            errorBody(
              403,
              "FORBIDDEN",
              "The API key does not grant access to this customer or bot.",
            ),
          ),
      )
      .executeTest(async (mock) => {
        const error = await failure(
          client(mock.url, { apiKey: "other-bot-0000-PACT" }).getMatchingUsers({
            attributeName: "plan",
            attributeValue: "gold",
          }),
        );
        expect(error).toMatchObject({ name: "MyBotAuthError", status: 403, code: 403 });
      }));
});

describe("getChatHistory", () => {
  // The observed shape: `conversations`, newest first, no ids, no page metadata. The client
  // must not depend on the order, so no interaction pins it.
  it("the first page with the defaults", () =>
    pact
      .addInteraction()
      .given("an active API key")
      .given("a user with chat history", ASHA)
      .uponReceiving("a request for a user's chat history")
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
    pact
      .addInteraction()
      .given("an active API key")
      .given("a user with chat history", ASHA)
      .uponReceiving("a request for a user's chat history between two dates")
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
    pact
      .addInteraction()
      .given("an active API key")
      .given("a user with chat history", ASHA)
      .uponReceiving("a request for page 2 of a user's chat history, 2 per page")
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
    pact
      .addInteraction()
      .given("an active API key")
      .given("a user with chat history", ASHA)
      .uponReceiving("a request for a page past the end of a user's chat history")
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

  it("1003 for end_date before start_date", () =>
    pact
      .addInteraction()
      .given("an active API key")
      .given("a user with chat history", ASHA)
      .uponReceiving("a request for chat history with end_date before start_date")
      .withRequest("GET", history, (b) =>
        b.query({ start_date: String(T0 + 5000), end_date: String(T0) }).headers(auth()),
      )
      .willRespondWith(400, (b) =>
        b
          .headers(json)
          .jsonBody(
            errorBody(
              1003,
              "INVALID_INPUT_DATE_VALUE",
              "The start_date and end_date values are the time in milliseconds and the end_date should be greater than start_date.",
            ),
          ),
      )
      .executeTest(async (mock) => {
        const error = await failure(
          client(mock.url, { validateInput: false }).getChatHistory(ASHA.channelUserId, {
            startDate: T0 + 5000,
            endDate: T0,
          }),
        );
        expect(error).toMatchObject({
          name: "MyBotBadRequestError",
          code: 1003,
          errorName: "INVALID_INPUT_DATE_VALUE",
        });
      }));

  it("1004 for page 0", () =>
    pact
      .addInteraction()
      .given("an active API key")
      .given("a user with chat history", ASHA)
      .uponReceiving("a request for page 0 of a user's chat history")
      .withRequest("GET", history, (b) => b.query({ page_number: "0" }).headers(auth()))
      .willRespondWith(400, (b) =>
        b
          .headers(json)
          .jsonBody(
            errorBody(
              1004,
              "INVALID_PAGE_NUMBER",
              "Please enter the correct page number. The page number in the API is a positive integer value starting with 1.",
            ),
          ),
      )
      .executeTest(async (mock) => {
        const error = await failure(
          client(mock.url, { validateInput: false }).getChatHistory(ASHA.channelUserId, {
            pageNumber: 0,
          }),
        );
        expect(error).toMatchObject({
          name: "MyBotBadRequestError",
          code: 1004,
          errorName: "INVALID_PAGE_NUMBER",
        });
      }));
});

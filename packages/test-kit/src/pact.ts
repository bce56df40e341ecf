/**
 * The Pact consumers' common ground: where pacts are written, the credential and provider-state
 * data they share (contracts/test/provider-states.ts sets them up on the sandbox), and matchers for
 * the bodies of contracts/openapi/mybot.yaml, so that every consumer asks for the same shapes.
 *
 * @module
 */
import { rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { PactV4 } from "@pact-foundation/pact";
import { eachLike, integer, like, regex } from "@pact-foundation/pact/src/v3/matchers";
import { ASHA_ID, botPath, DEMO_CREDENTIAL } from "./demo.ts";
import { VENDOR_TIMESTAMP_PATTERN, vendorTimestamp } from "./vendor-timestamp.ts";

export const PROVIDER = "mybot-api";
export const PACT_DIR = fileURLToPath(new URL("../../../contracts/pacts", import.meta.url));

/** The one credential of every pact; the provider state "an active API key" creates it. */
export const PACT_CREDENTIAL = {
  customerId: DEMO_CREDENTIAL.customerId,
  botKey: DEMO_CREDENTIAL.botKey,
  apiKey: "0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d-PACT001",
};
export const PREFIX = botPath(PACT_CREDENTIAL);

/** Parameters of the provider state "a user with chat history": messages 1 s apart from `start`. */
export const ASHA = { channelUserId: ASHA_ID, messages: 3, start: 1_700_000_000_000 };

/**
 * The pact of one consumer. Its stale file is deleted first: Pact merges into an existing file,
 * so an interaction removed from the tests would otherwise live on in the contract.
 *
 * @example
 * ```ts
 * const pact = consumerPact("mybot-cli");
 * ```
 */
export function consumerPact(consumer: string): PactV4 {
  rmSync(`${PACT_DIR}/${consumer}-${PROVIDER}.json`, { force: true });
  return new PactV4({ consumer, provider: PROVIDER, dir: PACT_DIR, logLevel: "warn" });
}

export const authHeader = (key = PACT_CREDENTIAL.apiKey) => ({
  Authorization: regex("^Basic \\S+$", `Basic ${key}`),
});
export const jsonHeader = { "Content-Type": regex("^application/json", "application/json") };

/** A `UsersResponse` with at least one user like Asha. */
export const usersBody = (attributes: Record<string, string> = { plan: "gold" }) => ({
  users: eachLike({
    channelUserId: like(ASHA.channelUserId),
    channel: like("whatsapp"),
    name: like("Asha"),
    attributes: like(attributes),
  }),
  total: integer(1),
});

/**
 * A message in the observed shape (spec `VendorMessage`): the timestamp matched by the vendor's
 * format, the rest by type. No id: the live API was never seen to send one.
 */
export const messageLike = (
  timestamp: number,
  sender: "user" | "bot" | "agent",
  response = "hello",
) => ({
  timestamp: regex(VENDOR_TIMESTAMP_PATTERN, vendorTimestamp(timestamp)),
  sender: like(sender),
  response: like(response),
  message_type: like("TEXT"),
});

/**
 * The `end_date` a walk pins at "now": any epoch ms; the example (in 2027) keeps every message
 * of the provider states in the window.
 */
export const pinnedEndDate = regex("^\\d{13}$", "1800000000000");

/** A history body in the observed shape: the list under `conversations`, no page metadata. */
export const historyBody = (...messages: ReturnType<typeof messageLike>[]) => ({
  conversations: messages.length ? eachLike(messages[0]) : [],
});

/** An `ErrorBody` with the exact code and name and any details text. */
export const errorBody = (errorCode: number, errorMessage: string, details: string) => ({
  errorCode,
  errorMessage,
  errorDetails: like(details),
});

const UNKNOWN_USER = "nobody-here";

/**
 * The interaction every consumer starts with: Asha is on plan gold, and a lookup of plan gold
 * finds her. Ready for `.executeTest`.
 *
 * @example
 * ```ts
 * it("users", () => goldUsers(pact, "a command-line lookup of the users on plan gold").executeTest(run));
 * ```
 */
export function goldUsers(pact: PactV4, description: string) {
  return pact
    .addInteraction()
    .given("an active API key")
    .given("a user with an attribute", {
      channelUserId: ASHA.channelUserId,
      name: "plan",
      value: "gold",
    })
    .uponReceiving(description)
    .withRequest("GET", `${PREFIX}/users`, (b) =>
      b.query({ attribute_name: "plan", attribute_value: "gold" }).headers(authHeader()),
    )
    .willRespondWith(200, (b) => b.headers(jsonHeader).jsonBody(usersBody()));
}

/**
 * One page of Asha's history from `startDate`, as a walk asks for it (`page_size` 500, the
 * window's end pinned), answered with one message at `startDate`.
 *
 * @example
 * ```ts
 * ashaHistorySince(pact, "an exporter read since the cursor", ASHA.start + 1000, "bot").executeTest(run);
 * ```
 */
export function ashaHistorySince(
  pact: PactV4,
  description: string,
  startDate: number,
  sender: "user" | "bot" = "user",
) {
  return pact
    .addInteraction()
    .given("an active API key")
    .given("a user with chat history", ASHA)
    .uponReceiving(description)
    .withRequest("GET", `${PREFIX}/channel-user/${ASHA.channelUserId}/conversations`, (b) =>
      b
        .query({
          start_date: String(startDate),
          end_date: pinnedEndDate,
          page_number: "1",
          page_size: "500",
        })
        .headers(authHeader()),
    )
    .willRespondWith(200, (b) =>
      b.headers(jsonHeader).jsonBody(historyBody(messageLike(startDate, sender))),
    );
}

/**
 * A history request for a user who does not exist (`nobody-here`), answered with the vendor's
 * 1002 error; `query` is what the consumer sends with it.
 *
 * @example
 * ```ts
 * unknownUserHistory(pact, "a lookup of a user who does not exist").executeTest(run);
 * ```
 */
export function unknownUserHistory(
  pact: PactV4,
  description: string,
  query?: Record<string, string | ReturnType<typeof regex>>,
) {
  return pact
    .addInteraction()
    .given("an active API key")
    .uponReceiving(description)
    .withRequest("GET", `${PREFIX}/channel-user/${UNKNOWN_USER}/conversations`, (b) =>
      (query ? b.query(query) : b).headers(authHeader()),
    )
    .willRespondWith(400, (b) =>
      b
        .headers(jsonHeader)
        .jsonBody(
          errorBody(
            1002,
            "INVALID_BOT_OR_CUSTOMER_ID",
            "The bot id/customer id/user id provided is invalid",
          ),
        ),
    );
}

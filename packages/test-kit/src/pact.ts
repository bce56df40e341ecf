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
import { VENDOR_TIMESTAMP_PATTERN, vendorTimestamp } from "./vendor-timestamp.ts";

export const PROVIDER = "mybot-api";
export const PACT_DIR = fileURLToPath(new URL("../../../contracts/pacts", import.meta.url));

/** The one credential of every pact; the provider state "an active API key" creates it. */
export const PACT_CREDENTIAL = {
  customerId: "10294",
  botKey: "1a1c9bfa5e0f41ed",
  apiKey: "0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d-PACT001",
};
export const PREFIX = `/bot-api/v1.0/customer/${PACT_CREDENTIAL.customerId}/bot/${PACT_CREDENTIAL.botKey}`;

/** Parameters of the provider state "a user with chat history": messages 1 s apart from `start`. */
export const ASHA = { channelUserId: "919812345678", messages: 3, start: 1_700_000_000_000 };

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

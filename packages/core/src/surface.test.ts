/**
 * The public surface, pinned: a name added to an entry point fails here until it is added on
 * purpose (and to the README and a changeset). Types leave no runtime trace; index.ts lists them.
 */
import { expect, it } from "vitest";
import * as core from "./index.ts";
import * as openTelemetry from "./opentelemetry.ts";
import * as wire from "./wire.ts";

it("the main entry exports the client, the error classes, isMyBotApiError and VERSION only", () => {
  expect(Object.keys(core).sort()).toEqual([
    "MyBotAbortError",
    "MyBotApiError",
    "MyBotAuthError",
    "MyBotBadRequestError",
    "MyBotConnectionError",
    "MyBotInvalidResponseError",
    "MyBotNotFoundError",
    "MyBotRateLimitError",
    "MyBotServerError",
    "MyBotTimeoutError",
    "VERSION",
    "createMyBotClient",
    "isMyBotApiError",
  ]);
});

it("the subpath entries export one concern each", () => {
  expect(Object.keys(openTelemetry).sort()).toEqual(["openTelemetry"]);
  expect(Object.keys(wire).sort()).toEqual(["parseRetryAfter", "parseVendorTimestamp"]);
});

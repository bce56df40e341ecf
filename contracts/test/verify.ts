/**
 * Verifies pact files against a running provider with Pact's Verifier.
 *
 * @module
 */
import { Verifier } from "@pact-foundation/pact";
import { createStateHandlers } from "./provider-states.ts";

export async function verifyPacts(
  providerBaseUrl: string,
  adminToken: string,
  pactUrls: string[],
): Promise<void> {
  const { stateHandlers, beforeEach } = createStateHandlers(providerBaseUrl, adminToken);
  await new Verifier({
    provider: "mybot-api",
    providerBaseUrl,
    pactUrls,
    stateHandlers,
    beforeEach,
    logLevel: "warn",
  }).verifyProvider();
}

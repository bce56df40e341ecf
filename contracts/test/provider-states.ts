/**
 * The provider states the consumer pacts name, set up through the sandbox's admin API so that
 * verification runs against real state, not stubs. Every interaction starts from an empty store.
 *
 * @module
 */
import { PACT_CREDENTIAL } from "@mybot/test-kit/pact";
import { createAdminClient } from "@mybot/test-kit/sandbox";
import type { VerifierOptions } from "@pact-foundation/pact";

type StateHandlers = NonNullable<VerifierOptions["stateHandlers"]>;

export { PACT_CREDENTIAL };

const OTHER_BOT = { customerId: PACT_CREDENTIAL.customerId, botKey: "ffffeeeeddddcccc" };

export function createStateHandlers(baseUrl: string, adminToken: string) {
  const admin = createAdminClient({ baseUrl, token: adminToken, bot: PACT_CREDENTIAL });
  const p = (params: unknown) => (params ?? {}) as Record<string, string>;

  const stateHandlers: StateHandlers = {
    "an active API key": async () => {
      await admin.createKey(PACT_CREDENTIAL.apiKey);
      return undefined;
    },
    "a user with an attribute": async (params: unknown) => {
      const { channelUserId = "", name = "", value = "" } = p(params);
      await admin.putUser(channelUserId, {
        channel: "whatsapp",
        name: "Asha",
        attributes: { [name]: value },
      });
      return undefined;
    },
    "a user with chat history": async (params: unknown) => {
      const { channelUserId, messages, start } = params as {
        channelUserId: string;
        messages: number;
        start: number;
      };
      await admin.putUser(channelUserId, { channel: "whatsapp", name: "Asha", attributes: {} });
      await admin.appendMessages(
        channelUserId,
        Array.from({ length: messages }, (_, i) => ({
          id: `m${i + 1}`,
          timestamp: start + i * 1000,
          sender: i % 2 ? ("bot" as const) : ("user" as const),
          response: `message ${i + 1}`,
          message_type: "TEXT",
        })),
      );
      return undefined;
    },
    "a revoked API key": async (params: unknown) => {
      const { key = "" } = p(params);
      await admin.createKey(key);
      await admin.revokeKey(key);
      return undefined;
    },
    "an API key of another bot": async (params: unknown) => {
      const { key = "" } = p(params);
      await admin.createKey(PACT_CREDENTIAL.apiKey);
      await admin.createKey(key, OTHER_BOT);
      return undefined;
    },
    "the users endpoint fails": async () => {
      await admin.setFaults([{ endpoint: "users", type: "status", status: 500, count: 1 }]);
      return undefined;
    },
  };
  return { stateHandlers, beforeEach: () => admin.reset() };
}

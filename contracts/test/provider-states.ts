/**
 * The provider states the consumer pacts name, set up through the sandbox's admin API so that
 * verification runs against real state, not stubs. Every interaction starts from an empty store.
 *
 * @module
 */
import { PACT_CREDENTIAL } from "@mybot/test-kit/pact";
import type { VerifierOptions } from "@pact-foundation/pact";

type StateHandlers = NonNullable<VerifierOptions["stateHandlers"]>;

export { PACT_CREDENTIAL };

const OTHER_BOT = "ffffeeeeddddcccc";

export function createStateHandlers(baseUrl: string, adminToken: string) {
  async function admin(path: string, method = "POST", body?: unknown) {
    const res = await fetch(`${baseUrl}/__admin${path}`, {
      method,
      headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`admin ${method} ${path}: ${res.status} ${await res.text()}`);
    return res.json();
  }
  const { customerId, botKey } = PACT_CREDENTIAL;
  const user = (id: string) =>
    `/customers/${customerId}/bots/${botKey}/users/${encodeURIComponent(id)}`;
  const p = (params: unknown) => (params ?? {}) as Record<string, string>;

  const stateHandlers: StateHandlers = {
    "an active API key": async () => {
      await admin("/keys", "POST", { customerId, botKey, key: PACT_CREDENTIAL.apiKey });
      return undefined;
    },
    "a user with an attribute": async (params: unknown) => {
      const { channelUserId = "", name = "", value = "" } = p(params);
      await admin(user(channelUserId), "PUT", {
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
      await admin(user(channelUserId), "PUT", {
        channel: "whatsapp",
        name: "Asha",
        attributes: {},
      });
      await admin(`${user(channelUserId)}/messages`, "POST", {
        messages: Array.from({ length: messages }, (_, i) => ({
          id: `m${i + 1}`,
          timestamp: start + i * 1000,
          sender: i % 2 ? "bot" : "user",
          response: `message ${i + 1}`,
          message_type: "TEXT",
        })),
      });
      return undefined;
    },
    "a revoked API key": async (params: unknown) => {
      const { key = "" } = p(params);
      await admin("/keys", "POST", { customerId, botKey, key });
      await admin(`/keys/${encodeURIComponent(key)}/revoke`);
      return undefined;
    },
    "an API key of another bot": async (params: unknown) => {
      const { key = "" } = p(params);
      await admin("/keys", "POST", { customerId, botKey, key: PACT_CREDENTIAL.apiKey });
      await admin("/keys", "POST", { customerId, botKey: OTHER_BOT, key });
      return undefined;
    },
    "the users endpoint fails": async () => {
      await admin("/faults", "PUT", {
        faults: [{ endpoint: "users", type: "status", status: 500, count: 1 }],
      });
      return undefined;
    },
  };
  return { stateHandlers, beforeEach: () => admin("/reset") };
}

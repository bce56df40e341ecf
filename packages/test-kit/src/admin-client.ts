/**
 * A typed client for the sandbox's admin API (`/__admin`, apps/sandbox/src/admin.ts): one method
 * per route, bodies typed by the sandbox's own types, and a refused call thrown as one sentence
 * naming the route, the status and the sandbox's reason. The bot-scoped routes default to the
 * client's bot (the demo's unless told otherwise).
 *
 * @module
 */
import type { Fault, HistoryShape, Seed, SeedMessage } from "../../../apps/sandbox/src/index.ts";
import type { CohortStats } from "../../../apps/sandbox/src/store/store.ts";
import { DEMO_CREDENTIAL } from "./demo.ts";

/** A customer's bot, the scope of the user, message and stats routes. */
export interface Bot {
  customerId: string;
  botKey: string;
}

/** A user as `PUT …/users/:channelUserId` takes it: the seed format without the id. */
export interface AdminUser {
  channel: string;
  name?: string | null;
  attributes?: Record<string, string>;
  messages?: SeedMessage[];
}

export interface AdminClientOptions {
  /** The sandbox's origin, `http://127.0.0.1:4010`. */
  baseUrl: string;
  /** `SANDBOX_ADMIN_TOKEN` of that sandbox. */
  token: string;
  /** @default DEMO_CREDENTIAL's customer and bot */
  bot?: Bot;
  /** @default globalThis.fetch (an app's `fetch` reaches a sandbox without a socket) */
  fetch?: (request: Request) => Response | Promise<Response>;
}

/** A call the admin API refused; `status` is its HTTP status. */
export class AdminApiError extends Error {
  override name = "AdminApiError";
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export type AdminClient = ReturnType<typeof createAdminClient>;

/**
 * @example
 * ```ts
 * const admin = createAdminClient({ baseUrl: sandbox.url, token: "t" });
 * await admin.appendMessages(ASHA_ID, [{ timestamp: Date.now(), sender: "user", response: "hi" }]);
 * ```
 */
export function createAdminClient(options: AdminClientOptions) {
  const { baseUrl, token, bot = DEMO_CREDENTIAL } = options;
  const send = options.fetch ?? ((request: Request) => fetch(request));

  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await send(
      new Request(`${baseUrl}/__admin${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );
    const text = await response.text();
    if (!response.ok) {
      let reason = text;
      try {
        reason = (JSON.parse(text) as { error?: string }).error ?? text;
      } catch {
        // not JSON: the text is the reason
      }
      throw new AdminApiError(
        `the sandbox's admin API refused ${method} /__admin${path} with ${response.status}: ${reason}`,
        response.status,
      );
    }
    return JSON.parse(text) as T;
  }

  const userPath = (channelUserId: string, { customerId, botKey }: Bot) =>
    `/customers/${encodeURIComponent(customerId)}/bots/${encodeURIComponent(botKey)}/users/${encodeURIComponent(channelUserId)}`;

  return {
    /** Empties the store and clears the faults; the history shape stays. */
    reset: () => call<{ ok: true }>("POST", "/reset").then(() => undefined),
    /** Loads a seed on top of what is there. */
    loadSeed: (seed: Seed) => call<{ users: number; messages: number }>("POST", "/seed", seed),
    /** Adds an active key (a new random one unless `key` is given). */
    createKey: (key?: string, scope: Bot = bot) =>
      call<{ key: string; customerId: string; botKey: string; status: "active" }>("POST", "/keys", {
        customerId: scope.customerId,
        botKey: scope.botKey,
        key,
      }),
    revokeKey: (key: string) =>
      call<{ status: "revoked" }>("POST", `/keys/${encodeURIComponent(key)}/revoke`),
    /** Replaces a key by a new one, which it returns. */
    regenerateKey: (key: string) =>
      call<{ key: string; replaced: string }>(
        "POST",
        `/keys/${encodeURIComponent(key)}/regenerate`,
      ),
    /** Creates or replaces a user (and adds the messages given). */
    putUser: (channelUserId: string, user: AdminUser, scope: Bot = bot) =>
      call<{ users: number; messages: number }>("PUT", userPath(channelUserId, scope), user),
    /** Adds messages to an existing user; resolves with how many were new. */
    appendMessages: async (channelUserId: string, messages: SeedMessage[], scope: Bot = bot) =>
      (
        await call<{ added: number }>("POST", `${userPath(channelUserId, scope)}/messages`, {
          messages,
        })
      ).added,
    /** Users and messages by sender, of a cohort when `attribute` is given: the ground truth. */
    stats: (attribute?: { name: string; value: string }, scope: Bot = bot) => {
      const query = attribute
        ? `?${new URLSearchParams({ attribute_name: attribute.name, attribute_value: attribute.value })}`
        : "";
      return call<CohortStats>(
        "GET",
        `/customers/${encodeURIComponent(scope.customerId)}/bots/${encodeURIComponent(scope.botKey)}/stats${query}`,
      );
    },
    shape: () => call<HistoryShape>("GET", "/shape"),
    /** Switches parts of the history body's shape; it stays until switched back. */
    setShape: (shape: Partial<HistoryShape>) => call<HistoryShape>("PUT", "/shape", shape),
    faults: async () => (await call<{ faults: Fault[] }>("GET", "/faults")).faults,
    /** Replaces the fault table. */
    setFaults: async (faults: Fault[]) =>
      (await call<{ faults: Fault[] }>("PUT", "/faults", { faults })).faults,
    clearFaults: () => call<{ faults: [] }>("DELETE", "/faults").then(() => undefined),
  };
}

/**
 * End-to-end pieces: the sandbox as MyBOT, a local server standing in for Slack's
 * `response_url` that captures what would reach Slack, and signed slash-command requests
 * built exactly as Slack sends them (form-encoded, `v0` signature over the raw body).
 *
 * @module
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { SeedMessage } from "@mybot/sandbox";
import { DEMO_CREDENTIAL, mybotEnv } from "@mybot/test-kit";
import { startTestSandbox, type TestSandbox } from "@mybot/test-kit/sandbox";
import { signRequest } from "../src/signature.ts";

export const SIGNING_SECRET = "e2e-signing-secret-0123456789abcdef";
/** The app's own key to the demo bot. */
export const SLACK_CREDENTIAL = {
  customerId: DEMO_CREDENTIAL.customerId,
  botKey: DEMO_CREDENTIAL.botKey,
  apiKey: "3c4d5e6f-7081-4a92-b3c4-d5e6f7081920-SLACK01",
};
export const MYBOT = mybotEnv(SLACK_CREDENTIAL);
export const ADMIN_TOKEN = "slack-e2e-admin";
export const ALLOWED_USER = "U0ALLOWED";

/** Captures what the app posts to response_url. */
export async function startCapture() {
  const posts: {
    path: string;
    body: { text: string; blocks?: unknown[]; response_type: string; replace_original?: boolean };
  }[] = [];
  const waiters: (() => void)[] = [];
  const server = createServer(async (req, res) => {
    let body = "";
    for await (const chunk of req) body += chunk;
    posts.push({ path: req.url ?? "", body: JSON.parse(body) });
    res.end("ok");
    for (const wake of waiters.splice(0)) wake();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    host,
    posts,
    /** Resolves with the post to `path` once it arrives. */
    async postTo(path: string, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = posts.find((p) => p.path === path);
        if (found) return found.body;
        if (Date.now() > deadline) throw new Error(`nothing posted to ${path}`);
        await new Promise<void>((r) => {
          waiters.push(r);
          setTimeout(r, 100);
        });
      }
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** The sandbox, serving the demo dataset with the app's credential. */
export async function startMyBot(): Promise<
  TestSandbox & {
    /** Creates (or replaces) a user with these messages, in the seed format. */
    putUser(channelUserId: string, messages: SeedMessage[]): Promise<void>;
  }
> {
  const mybot = await startTestSandbox({ adminToken: ADMIN_TOKEN, credential: SLACK_CREDENTIAL });
  return {
    ...mybot,
    async putUser(channelUserId, messages) {
      await mybot.admin.putUser(channelUserId, {
        channel: "web",
        name: null,
        attributes: {},
        messages,
      });
    },
  };
}

let counter = 0;
const hookPathFor = (kind: "commands" | "actions") =>
  `/${kind}/T0TEAM/${++counter}/${Math.random().toString(36).slice(2)}`;

/**
 * A slash command's fields as Slack sends them: HTTP mode form-encodes them, Socket Mode sends
 * them as JSON in an envelope. The response_url is on the local capture server.
 */
export function slashPayload(
  text: string,
  options: { captureHost: string; user?: string; channel?: string },
): { payload: Record<string, string>; hookPath: string } {
  const hookPath = hookPathFor("commands");
  const payload = {
    token: "deprecated-verification-token",
    team_id: "T0TEAM",
    team_domain: "support",
    channel_id: options.channel ?? "C0SUPPORT",
    channel_name: "support",
    user_id: options.user ?? ALLOWED_USER,
    user_name: "agent",
    command: "/mybot",
    text,
    api_app_id: "A0MYBOT",
    is_enterprise_install: "false",
    response_url: `http://${options.captureHost}${hookPath}`,
    trigger_id: "13345224609.738474920.8088930838d88f008e0",
  };
  return { payload, hookPath };
}

/** A slash-command request as Slack sends it in HTTP mode: the fields form-encoded, signed. */
export async function slashCommand(
  url: string,
  text: string,
  options: {
    captureHost: string;
    user?: string;
    channel?: string;
    secret?: string;
    nowMs?: number;
  },
): Promise<{ request: Request; hookPath: string }> {
  const { payload, hookPath } = slashPayload(text, options);
  const body = new URLSearchParams(payload).toString();
  const headers = await signRequest(options.secret ?? SIGNING_SECRET, body, options.nowMs);
  return { request: new Request(url, { method: "POST", headers, body }), hookPath };
}

export const botEnv = (mybotUrl: string, captureHost: string): Record<string, string> => ({
  SLACK_SIGNING_SECRET: SIGNING_SECRET,
  SLACK_ALLOWED_USERS: ALLOWED_USER,
  SLACK_RESPONSE_URL_HOSTS: captureHost,
  SLACK_ALLOW_IN_CHANNEL: "true",
  MYBOT_BASE_URL: mybotUrl,
  MYBOT_TIMEOUT_MS: "1500",
  MYBOT_TOTAL_TIMEOUT_MS: "2500",
  ...MYBOT,
});

/**
 * A button press (`block_actions`) as Slack sends it: in HTTP mode the JSON of a signed form
 * field `payload`, in Socket Mode the envelope's payload. By default on an ephemeral message,
 * which Slack sends without the message itself; with `message` (the reply the button is on), on
 * a public one: Slack then sends the whole message, blocks and all, in the payload, as `message`
 * with `container.is_ephemeral` false.
 */
export function blockActionPayload(
  button: { actionId: string; value: string },
  options: {
    captureHost: string;
    user?: string;
    channel?: string;
    message?: { text: string; blocks?: unknown[] };
  },
): { payload: Record<string, unknown>; hookPath: string } {
  const hookPath = hookPathFor("actions");
  const channel = options.channel ?? "C0SUPPORT";
  const onMessage = options.message && {
    container: {
      type: "message",
      message_ts: "1722525674.000100",
      channel_id: channel,
      is_ephemeral: false,
    },
    message: {
      type: "message",
      subtype: "bot_message",
      text: options.message.text,
      ts: "1722525674.000100",
      bot_id: "B0MYBOT",
      app_id: "A0MYBOT",
      blocks: options.message.blocks ?? [],
    },
  };
  const payload = {
    type: "block_actions",
    team: { id: "T0TEAM", domain: "support" },
    user: { id: options.user ?? ALLOWED_USER, username: "agent", team_id: "T0TEAM" },
    api_app_id: "A0MYBOT",
    token: "deprecated-verification-token",
    container: { type: "message", message_ts: "1722525674.000100", is_ephemeral: true },
    trigger_id: "13345224609.738474920.8088930838d88f008e0",
    channel: { id: channel, name: "support" },
    response_url: `http://${options.captureHost}${hookPath}`,
    actions: [
      {
        type: "button",
        action_id: button.actionId,
        block_id: "mybot_paging",
        text: { type: "plain_text", text: "Older", emoji: true },
        value: button.value,
        action_ts: "1722525680.123456",
      },
    ],
    ...onMessage,
  };
  return { payload, hookPath };
}

/** A button press as Slack sends it in HTTP mode: {@link blockActionPayload}, signed. */
export async function blockAction(
  url: string,
  button: { actionId: string; value: string },
  options: Parameters<typeof blockActionPayload>[1] & { secret?: string; nowMs?: number },
): Promise<{ request: Request; hookPath: string; bytes: number }> {
  const { payload, hookPath } = blockActionPayload(button, options);
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  const headers = await signRequest(options.secret ?? SIGNING_SECRET, body, options.nowMs);
  const bytes = new TextEncoder().encode(body).byteLength;
  return { request: new Request(url, { method: "POST", headers, body }), hookPath, bytes };
}

/**
 * The Slack app as one web-standard `fetch` handler (slack-edge, HTTP "Request URL" mode) at
 * `POST /slack/events`. A command is acknowledged at once (Slack gives 3 seconds); the MyBOT
 * lookup runs after the acknowledgement and its result goes to the command's `response_url`.
 *
 * @module
 */
import { createMyBotClient, type MyBotClient } from "@mybot/core";
import { type MessageAckResponse, SlackApp, type SlackEdgeAppEnv } from "slack-edge";
import { type Command, parseCommand, USAGE } from "./command.ts";
import type { SlackBotConfig } from "./config.ts";
import { errorSentence } from "./error-sentence.ts";
import {
  type FormatOptions,
  formatHistory,
  formatText,
  formatUsers,
  type SlackReply,
} from "./format.ts";
import { createResponder, type Responder } from "./response-url.ts";
import { checkSignature } from "./signature.ts";

/** Slash-command bodies are a few hundred bytes; anything far larger is not from Slack. */
export const MAX_BODY_BYTES = 16 * 1024;
export const EVENTS_PATH = "/slack/events";

export interface SlackBotDeps {
  client?: MyBotClient;
  responder?: Responder;
  fetch?: typeof fetch;
  now?: () => number;
  log?: (line: string) => void;
}

export interface SlackBot {
  fetch(request: Request): Promise<Response>;
  /** Resolves when every lookup started so far has posted its result (for tests and shutdown). */
  idle(): Promise<void>;
}

/** The body as text, or undefined once it passes `limit` bytes, without reading the rest. */
async function readBounded(request: Request, limit: number): Promise<string | undefined> {
  if (Number(request.headers.get("content-length") ?? 0) > limit) return undefined;
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}

/** What a lookup needs from the slash-command payload. */
interface Invocation {
  command: Command;
  userId: string;
  channelId: string;
  responseUrl: string;
}

/**
 * @example
 * ```ts
 * const bot = createSlackBot(loadConfig(process.env));
 * Deno.serve((req) => bot.fetch(req));
 * ```
 */
export function createSlackBot(config: SlackBotConfig, deps: SlackBotDeps = {}): SlackBot {
  const now = deps.now ?? Date.now;
  const log = deps.log ?? ((line: string) => console.log(line));
  const client =
    deps.client ??
    createMyBotClient({
      ...config.mybot,
      maxRetries: 1,
      fetch: deps.fetch,
      logger: {
        error: (m) => log(m),
        warn: (m, f) => log(f ? `${m} ${JSON.stringify(f)}` : m),
      },
    });
  const responder =
    deps.responder ??
    createResponder({ extraHosts: config.responseUrlHosts, fetch: deps.fetch, now, log });
  const pending = new Set<Promise<unknown>>();
  const ctx = {
    waitUntil(promise: Promise<unknown>) {
      const tracked = promise
        .catch((error) => log(`lookup failed: ${(error as Error).message}`))
        .finally(() => pending.delete(tracked));
      pending.add(tracked);
    },
  };

  const app = new SlackApp<SlackEdgeAppEnv>({
    env: { SLACK_SIGNING_SECRET: config.signingSecret, SLACK_LOGGING_LEVEL: "ERROR" },
    // Slash commands answer through response_url and need no bot token.
    authorize: async () => ({ botId: "", botUserId: "", botToken: "", botScopes: [] }),
  });

  // One allow-list for both lookups: `users` shows whole ids (often phone numbers) next to
  // names and attributes, personal data as much as a transcript is.
  function allowed(userId: string, channelId: string): boolean {
    return config.allowedUsers.has(userId) || config.allowedChannels.has(channelId);
  }

  function check(invocation: Invocation): SlackReply | undefined {
    const { command } = invocation;
    if (command.kind === "help") return formatText(`${config.command} — ${USAGE.all}`);
    if (command.kind === "invalid") return formatText(command.message);
    if (!allowed(invocation.userId, invocation.channelId)) {
      const why =
        command.kind === "history"
          ? "Chat history is personal data: only allow-listed people and channels can read it."
          : "User lookups show personal data (ids, names, attributes): only allow-listed people and channels can run them.";
      return formatText(
        `${why} Ask an admin to add you to \`SLACK_ALLOWED_USERS\` (or this channel to \`SLACK_ALLOWED_CHANNELS\`).`,
      );
    }
    if (command.public && !config.allowInChannel) {
      return formatText(
        "Replies are private here: an admin can allow `public` with `SLACK_ALLOW_IN_CHANNEL`.",
      );
    }
    return undefined;
  }

  async function lookup(invocation: Invocation): Promise<void> {
    const { command } = invocation;
    const options: FormatOptions = {
      mask: config.maskPersonalData,
      responseType: "public" in command && command.public ? "in_channel" : "ephemeral",
      command: config.command,
    };
    let reply: SlackReply;
    try {
      if (command.kind === "users") {
        const users = await client.getMatchingUsers({
          attributeName: command.attributeName,
          attributeValue: command.attributeValue,
        });
        reply = formatUsers(users, command.attributeName, command.attributeValue, options);
      } else if (command.kind === "history") {
        // The newest first, whatever order MyBOT pages in; `page` counts back from them.
        const latest = await client.getLatestMessages(command.channelUserId, {
          count: command.limit,
          page: command.page,
          startDate: command.since,
          endDate: command.until,
        });
        reply = formatHistory(latest, command, options);
      } else return;
    } catch (error) {
      reply = formatText(errorSentence(error));
    }
    // A private answer replaces "Looking up…"; a public one is a new message in the channel.
    await responder.post(invocation.responseUrl, {
      ...reply,
      replace_original: reply.response_type === "ephemeral",
    });
  }

  const invocationOf = (payload: {
    text: string;
    user_id: string;
    channel_id: string;
    response_url: string;
  }): Invocation => ({
    command: parseCommand(payload.text ?? "", now()),
    userId: payload.user_id,
    channelId: payload.channel_id,
    responseUrl: payload.response_url,
  });

  app.command(
    config.command,
    // The ack is the only answer Slack waits for: a usage line, a refusal, or "Looking up…".
    async ({ payload }) =>
      (check(invocationOf(payload)) ?? {
        response_type: "ephemeral",
        text: "Looking up…",
      }) as MessageAckResponse,
    async ({ payload }) => {
      // slack-edge starts this before sending the ack; yielding first lets the ack go out first.
      await new Promise((resolve) => setTimeout(resolve, 0));
      const invocation = invocationOf(payload);
      if (!check(invocation)) await lookup(invocation);
    },
  );

  return {
    async fetch(request) {
      const url = new URL(request.url);
      if (url.pathname !== EVENTS_PATH) return new Response("Not found", { status: 404 });
      if (request.method !== "POST")
        return new Response("Method not allowed", { status: 405, headers: { allow: "POST" } });
      const rawBody = await readBounded(request, MAX_BODY_BYTES);
      if (rawBody === undefined) return new Response("Payload too large", { status: 413 });
      const signature = await checkSignature(config.signingSecret, request.headers, rawBody, now());
      if (signature !== "ok") {
        log(`POST ${EVENTS_PATH} 401 signature ${signature}`);
        return new Response("Invalid signature", { status: 401 });
      }
      return app.run(
        new Request(request.url, { method: "POST", headers: request.headers, body: rawBody }),
        ctx,
      );
    },
    async idle() {
      while (pending.size) await Promise.all([...pending]);
    },
  };
}

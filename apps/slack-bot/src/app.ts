/**
 * The Slack app's two doors to one set of handlers (handlers.ts): a web-standard `fetch` for
 * HTTP (Request URL) mode at `POST /slack/events`, which checks Slack's signature and reads the
 * form body (a slash command's fields, or a button press's `payload` JSON); and `dispatch` for
 * Socket Mode, whose socket the app token already authenticates. Either way the acknowledgement
 * is returned at once (Slack gives 3 seconds) and the lookup runs after it, its result going to
 * the payload's `response_url`.
 *
 * No Slack framework routes here: one command and one kind of action are a few lines, and a
 * framework's own signature check would refuse Socket Mode payloads, which carry none. Both
 * transports run the very same code after their own authentication.
 *
 * @module
 */
import { createMyBotClient, type MyBotClient } from "@mybot/core";
import type { SlackBotConfig } from "./config.ts";
import { createHandlers } from "./handlers.ts";
import { createResponder, type Responder } from "./response-url.ts";
import { checkSignature } from "./signature.ts";

/** Slash-command bodies are a few hundred bytes; anything far larger is not from Slack. */
export const MAX_BODY_BYTES = 16 * 1024;
/**
 * A button press (`payload=…`) carries the whole message its button is on when that message is
 * not ephemeral: a public transcript is up to 47 sections of 3,000 characters, JSON- and then
 * form-encoded, about 200 KB of English but up to 9 bytes a character for a script of 3-byte
 * UTF-8 (`%E0%A4%95`), so 1.3 MB at worst. Two MiB cover that and the rest of the payload.
 */
export const MAX_PAYLOAD_BODY_BYTES = 2 * 1024 * 1024;
const PAYLOAD_FIELD = new TextEncoder().encode("payload=");

/** The limit for a body that starts with `head`: a button press's, else a command's. */
function limitFor(head: Uint8Array): number {
  return PAYLOAD_FIELD.every((byte, i) => head[i] === byte)
    ? MAX_PAYLOAD_BODY_BYTES
    : MAX_BODY_BYTES;
}
export const EVENTS_PATH = "/slack/events";

export interface SlackBotDeps {
  client?: MyBotClient;
  responder?: Responder;
  fetch?: typeof fetch;
  now?: () => number;
  log?: (line: string) => void;
}

/**
 * Socket Mode envelope types the app handles, the same names as Slack's; others are
 * acknowledged and ignored (socket-mode-acks.ts filters with {@link isEnvelopeType}).
 */
export const ENVELOPE_TYPES = ["slash_commands", "interactive"] as const;
export type EnvelopeType = (typeof ENVELOPE_TYPES)[number];

/**
 * @example
 * ```ts
 * isEnvelopeType("events_api"); // false: acknowledged, not dispatched
 * ```
 */
export const isEnvelopeType = (type: string): type is EnvelopeType =>
  (ENVELOPE_TYPES as readonly string[]).includes(type);

export interface SlackBot {
  fetch(request: Request): Promise<Response>;
  /**
   * Socket Mode: handles one envelope's payload as `fetch` handles a signed request (the socket
   * is authenticated by the app token, so there is no signature), and returns the body to send
   * back in the envelope's acknowledgement (`{ envelope_id, payload }`), or undefined for none.
   */
  dispatch(type: EnvelopeType, payload: Record<string, unknown>): Promise<unknown>;
  /** Resolves when every lookup started so far has posted its result (for tests and shutdown). */
  idle(): Promise<void>;
}

/**
 * The body as text, or undefined once it passes its limit ({@link limitFor}, decided by its first
 * bytes), without reading the rest.
 */
async function readBounded(request: Request): Promise<string | undefined> {
  if (Number(request.headers.get("content-length") ?? 0) > MAX_PAYLOAD_BODY_BYTES) return undefined;
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  // Undecided until the first bytes show whether this is a button press (`payload=`).
  let limit: number | undefined;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
    if (limit === undefined && size >= PAYLOAD_FIELD.length) limit = limitFor(concat(chunks, size));
    if (size > (limit ?? MAX_BODY_BYTES)) {
      await reader.cancel();
      return undefined;
    }
  }
  return new TextDecoder().decode(concat(chunks, size));
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
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
  const later = (work: () => Promise<void>) => {
    // A macrotask first, so that the acknowledgement is written before the lookup starts.
    const tracked: Promise<void> = new Promise((resolve) => setTimeout(resolve, 0))
      .then(work)
      .catch((error) => log(`lookup failed: ${(error as Error).message}`))
      .finally(() => pending.delete(tracked));
    pending.add(tracked);
  };
  const handlers = createHandlers({ config, client, responder, later, now });

  async function dispatch(type: string, payload: Record<string, unknown>): Promise<unknown> {
    // Typed callers cannot pass another type; a JavaScript caller can, and gets no answer.
    if (!isEnvelopeType(type)) return undefined;
    if (type === "slash_commands") {
      // Only our command: a payload for another command of the same app is not ours to answer.
      if (payload.command !== undefined && payload.command !== config.command) return undefined;
      return handlers.command(payload);
    }
    return handlers.interaction(payload);
  }

  return {
    async fetch(request) {
      const url = new URL(request.url);
      if (url.pathname !== EVENTS_PATH) return new Response("Not found", { status: 404 });
      if (request.method !== "POST")
        return new Response("Method not allowed", { status: 405, headers: { allow: "POST" } });
      const rawBody = await readBounded(request);
      if (rawBody === undefined) return new Response("Payload too large", { status: 413 });
      const signature = await checkSignature(config.signingSecret, request.headers, rawBody, now());
      if (signature !== "ok") {
        log(`POST ${EVENTS_PATH} 401 signature ${signature}`);
        return new Response("Invalid signature", { status: 401 });
      }
      const form = new URLSearchParams(rawBody);
      let ack: unknown;
      if (form.has("payload")) {
        let payload: unknown;
        try {
          payload = JSON.parse(form.get("payload") as string);
        } catch {
          return new Response("The payload field is not JSON", { status: 400 });
        }
        if (!payload || typeof payload !== "object" || Array.isArray(payload))
          return new Response("The payload field is not a JSON object", { status: 400 });
        ack = await dispatch("interactive", payload as Record<string, unknown>);
      } else if (form.has("command"))
        ack = await dispatch("slash_commands", Object.fromEntries(form));
      // Anything else signed by Slack (an `ssl_check`, say) is acknowledged and ignored.
      return ack === undefined ? new Response(null, { status: 200 }) : Response.json(ack);
    },
    dispatch,
    async idle() {
      while (pending.size) await Promise.all([...pending]);
    },
  };
}

/**
 * The two ways Slack reaches the app, behind one `send(kind, payload)`: HTTP mode gets a signed
 * form POST to `/slack/events` (a slash command's fields, or a button press's JSON in the
 * `payload` field), Socket Mode gets an envelope through the fake Slack (fake-socket-mode.ts).
 * Either way the result is the acknowledgement's body (undefined for none) and how long it took,
 * so that one suite can hold both modes to the same cases.
 *
 * @module
 */
import { type Service, startService } from "@mybot/test-kit";
import { signRequest } from "../src/signature.ts";
import { APP_TOKEN, type FakeSlack, startFakeSlack } from "./fake-socket-mode.ts";
import { SIGNING_SECRET } from "./harness.ts";
import { APP_DIR, type Runtime } from "./runtimes.ts";

export type Kind = "slash_commands" | "interactive";
export interface Sent {
  ack: { text?: string; response_type?: string; [key: string]: unknown } | undefined;
  ackMs: number;
}

export interface RunningApp {
  app: Service;
  /** Socket Mode only: the fake Slack the app dialled. */
  slack?: FakeSlack;
  send(kind: Kind, payload: Record<string, unknown>): Promise<Sent>;
  stop(): Promise<void>;
}

export type TransportName = "HTTP" | "Socket Mode";
export const TRANSPORTS: TransportName[] = ["HTTP", "Socket Mode"];
export const HTTP_READY = /listening on (http:\/\/[\d.:]+)/;
export const SOCKET_READY = /Socket Mode: connected through (\S+)/;

/** The env a Socket Mode app needs on top of botEnv: the app token, no signing secret. */
export const socketEnv = (slack: FakeSlack, token = APP_TOKEN) => ({
  SLACK_SIGNING_SECRET: "",
  SLACK_APP_TOKEN: token,
  SLACK_API_URL: slack.apiUrl,
});

/**
 * @example
 * ```ts
 * const running = await startApp("Socket Mode", RUNTIMES[0], botEnv(mybot.url, capture.host));
 * const { ack } = await running.send("slash_commands", slashPayload("help", opts).payload);
 * ```
 */
export async function startApp(
  transport: TransportName,
  runtime: Runtime,
  env: Record<string, string>,
): Promise<RunningApp> {
  if (transport === "HTTP") {
    const app = await startService(
      runtime.command,
      runtime.args,
      { ...env, PORT: "0" },
      HTTP_READY,
      {
        cwd: APP_DIR,
      },
    );
    return {
      app,
      send: (kind, payload) => postSigned(`${app.url}/slack/events`, kind, payload),
      stop: () => app.stop(),
    };
  }
  const slack = await startFakeSlack();
  const app = await startService(
    runtime.command,
    runtime.args,
    { ...env, ...socketEnv(slack) },
    SOCKET_READY,
    {
      cwd: APP_DIR,
    },
  ).catch(async (error) => {
    await slack.close();
    throw error;
  });
  return {
    app,
    slack,
    async send(kind, payload) {
      const ack = await slack.ackOf(slack.deliver(kind, payload));
      return { ack: ack.payload, ackMs: ack.ms };
    },
    async stop() {
      await app.stop();
      await slack.close();
    },
  };
}

/** A request as Slack signs it: form-encoded, `v0` signature over the raw body. */
async function postSigned(
  url: string,
  kind: Kind,
  payload: Record<string, unknown>,
): Promise<Sent> {
  const form =
    kind === "slash_commands"
      ? new URLSearchParams(Object.entries(payload).map(([k, v]) => [k, String(v)]))
      : new URLSearchParams({ payload: JSON.stringify(payload) });
  const body = form.toString();
  const started = performance.now();
  const response = await fetch(url, {
    method: "POST",
    headers: await signRequest(SIGNING_SECRET, body),
    body,
  });
  const text = await response.text();
  const ackMs = performance.now() - started;
  if (response.status !== 200)
    throw new Error(`POST /slack/events answered ${response.status}: ${text}`);
  return { ack: text === "" ? undefined : JSON.parse(text), ackMs };
}

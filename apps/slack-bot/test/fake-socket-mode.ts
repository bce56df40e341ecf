/**
 * A local stand-in for Slack's Socket Mode: `POST /api/apps.connections.open` (accepting one
 * app token, answering `invalid_auth` to any other) and the WebSocket it hands out, which says
 * `hello`, delivers envelopes, records acks, and can ask for a refresh or drop the socket.
 *
 * Like Slack, it delivers an envelope again when it has no ack for it: to each new connection,
 * with `retry_attempt` counted up and the same `envelope_id`. `ignoreAck` makes it lose one ack,
 * as when a socket drops between the app's ack and Slack.
 *
 * @module
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";

export const APP_TOKEN = "xapp-1-A0MYBOT-4242-0123456789abcdef0123456789abcdef";

interface Delivered {
  frame: Record<string, unknown>;
  at: number;
  ignoreAck: boolean;
}

export interface Ack {
  payload?: { text?: string; response_type?: string; [key: string]: unknown };
  ms: number;
  retryAttempt: number;
}

let counter = 0;

/** @example const slack = await startFakeSlack(); env.SLACK_API_URL = slack.apiUrl; */
export async function startFakeSlack() {
  const tickets = new Set<string>();
  const sockets: WebSocket[] = [];
  const delivered = new Map<string, Delivered>();
  const acks = new Map<string, Ack>();
  const lostAcks: string[] = [];
  /** Frames from the app that are not acks: there should be none. */
  const badFrames: string[] = [];
  const waiters = new Set<() => void>();
  /** `maxOpen`: the most sockets open at once (2 while a refresh overlaps old and new). */
  const stats = { opens: 0, rejected: 0, connections: 0, maxOpen: 0 };
  const wakeAll = () => {
    for (const wake of [...waiters]) wake();
  };

  const server = createServer(async (req, res) => {
    for await (const _ of req);
    res.setHeader("content-type", "application/json");
    if (req.method !== "POST" || req.url !== "/api/apps.connections.open") {
      res.statusCode = 404;
      return res.end('{"ok":false,"error":"unknown_method"}');
    }
    stats.opens++;
    if (req.headers.authorization !== `Bearer ${APP_TOKEN}`) {
      stats.rejected++;
      return res.end('{"ok":false,"error":"invalid_auth"}');
    }
    const ticket = `t${++counter}-${Math.random().toString(36).slice(2)}`;
    tickets.add(ticket);
    res.end(JSON.stringify({ ok: true, url: `ws://${host}/link/?ticket=${ticket}` }));
  });
  const wss = new WebSocketServer({ noServer: true });
  server.on("upgrade", (req, socket, head) => {
    const ticket = new URL(req.url ?? "", "http://x").searchParams.get("ticket") ?? "";
    if (!tickets.delete(ticket)) {
      socket.end("HTTP/1.1 401 Unauthorized\r\n\r\n");
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.push(ws);
      stats.connections++;
      stats.maxOpen = Math.max(stats.maxOpen, open().length);
      ws.on("message", (data) => {
        let ack: { envelope_id?: string; payload?: Ack["payload"] };
        try {
          ack = JSON.parse(String(data));
        } catch {
          return badFrames.push(String(data).slice(0, 200));
        }
        const sent = delivered.get(ack.envelope_id ?? "");
        if (!ack.envelope_id) return badFrames.push(String(data).slice(0, 200));
        if (!sent || acks.has(ack.envelope_id)) return;
        if (sent.ignoreAck) {
          sent.ignoreAck = false;
          lostAcks.push(ack.envelope_id);
          return;
        }
        const retryAttempt = sent.frame.retry_attempt as number;
        acks.set(ack.envelope_id, {
          payload: ack.payload,
          ms: performance.now() - sent.at,
          retryAttempt,
        });
        wakeAll();
      });
      ws.on("close", wakeAll);
      ws.send(
        JSON.stringify({
          type: "hello",
          num_connections: open().length,
          debug_info: { host: "applink-fake", approximate_connection_time: 18060 },
          connection_info: { app_id: "A0MYBOT" },
        }),
      );
      for (const [id, sent] of delivered)
        if (!acks.has(id)) {
          sent.frame = {
            ...sent.frame,
            retry_attempt: (sent.frame.retry_attempt as number) + 1,
            retry_reason: "timeout",
          };
          sent.at = performance.now();
          ws.send(JSON.stringify(sent.frame));
        }
      wakeAll();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  const open = () => sockets.filter((s) => s.readyState === s.OPEN);
  const newest = () => {
    const socket = open().at(-1);
    if (!socket) throw new Error("the app has no open Socket Mode connection");
    return socket;
  };

  async function until<T>(
    check: () => T | undefined,
    what: string,
    timeoutMs = 15_000,
  ): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = check();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`fake Slack: timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const wake = () => {
          waiters.delete(wake);
          resolve();
        };
        waiters.add(wake);
        setTimeout(wake, 50);
      });
    }
  }

  return {
    /** The Web API base, for `SLACK_API_URL`. */
    apiUrl: `http://${host}/api/`,
    stats,
    lostAcks,
    badFrames,
    /** Sends an envelope on the newest connection; resolves with its id. */
    deliver(type: string, payload: Record<string, unknown>, options: { ignoreAck?: boolean } = {}) {
      const id = `env-${++counter}`;
      const frame = {
        envelope_id: id,
        type,
        payload,
        accepts_response_payload: type === "slash_commands",
        retry_attempt: 0,
        retry_reason: "",
      };
      delivered.set(id, { frame, at: performance.now(), ignoreAck: options.ignoreAck ?? false });
      newest().send(JSON.stringify(frame));
      return id;
    },
    ackOf: (id: string, timeoutMs?: number) =>
      until(() => acks.get(id), `the ack of ${id}`, timeoutMs),
    /** Resolves once `n` connections have been made in all. */
    connectionsMade: (n: number, timeoutMs?: number) =>
      until(
        () => (stats.connections >= n && open().length ? true : undefined),
        `${n} connections`,
        timeoutMs,
      ),
    /** Resolves once exactly `n` sockets are open. */
    openCount: (n: number, timeoutMs?: number) =>
      until(() => (open().length === n ? true : undefined), `${n} open sockets`, timeoutMs),
    disconnect: (reason: string) =>
      newest().send(
        JSON.stringify({ type: "disconnect", reason, debug_info: { host: "applink-fake" } }),
      ),
    /** Cuts the newest connection without a close handshake, like a network failure. */
    drop: () => newest().terminate(),
    close: async () => {
      for (const socket of sockets) socket.terminate();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
export type FakeSlack = Awaited<ReturnType<typeof startFakeSlack>>;

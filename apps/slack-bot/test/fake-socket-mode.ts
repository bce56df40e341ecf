/**
 * A local stand-in for Slack's Socket Mode: `POST /api/apps.connections.open` (accepting one
 * app token, answering `invalid_auth` to any other) and the WebSocket it hands out, which says
 * `hello`, delivers envelopes, records acks, and can ask for a refresh or drop the socket.
 *
 * Like Slack, it delivers an envelope again when it has no ack for it: to each new connection,
 * with `retry_attempt` counted up and the same `envelope_id` (fake-socket-mode-ledger.ts).
 * `ignoreAck` makes it lose one ack, as when a socket drops between the app's ack and Slack;
 * `holdOpens` keeps the app's next dial waiting, to close sockets while one is under way.
 *
 * @module
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";
import { type Ack, createLedger } from "./fake-socket-mode-ledger.ts";
import { createWaits } from "./fake-waiters.ts";

export type { Ack };

export const APP_TOKEN = "xapp-1-A0MYBOT-4242-0123456789abcdef0123456789abcdef";

let counter = 0;

/** @example const slack = await startFakeSlack(); env.SLACK_API_URL = slack.apiUrl; */
export async function startFakeSlack() {
  const tickets = new Set<string>();
  const sockets: WebSocket[] = [];
  const waits = createWaits();
  const ledger = createLedger(waits.wake);
  /** Answers of apps.connections.open held back until released (see holdOpens). */
  let held: (() => void)[] | undefined;
  /** `maxOpen`: the most sockets open at once (2 while a refresh overlaps old and new). */
  const stats = { opens: 0, rejected: 0, connections: 0, maxOpen: 0 };
  const wakeAll = waits.wake;

  const server = createServer(async (req, res) => {
    for await (const _ of req);
    res.setHeader("content-type", "application/json");
    if (req.method !== "POST" || req.url !== "/api/apps.connections.open") {
      res.statusCode = 404;
      return res.end('{"ok":false,"error":"unknown_method"}');
    }
    stats.opens++;
    if (held) await new Promise<void>((release) => held?.push(release));
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
      ws.on("message", (data) => ledger.received(String(data)));
      ws.on("close", wakeAll);
      ws.send(
        JSON.stringify({
          type: "hello",
          num_connections: open().length,
          debug_info: { host: "applink-fake", approximate_connection_time: 18060 },
          connection_info: { app_id: "A0MYBOT" },
        }),
      );
      ledger.redeliver(ws);
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

  const until = waits.until;
  /** `which` open socket: the newest (default) or the oldest, e.g. one being replaced. */
  const pick = (which: "newest" | "oldest" = "newest") =>
    which === "oldest" ? (open()[0] ?? newest()) : newest();

  return {
    /** The Web API base, for `SLACK_API_URL`. */
    apiUrl: `http://${host}/api/`,
    stats,
    lostAcks: ledger.lostAcks,
    badFrames: ledger.badFrames,
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
      ledger.deliver(frame, options.ignoreAck ?? false);
      newest().send(JSON.stringify(frame));
      return id;
    },
    ackOf: (id: string, timeoutMs?: number) =>
      until(() => ledger.acks.get(id), `the ack of ${id}`, timeoutMs),
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
    disconnect: (reason: string, which?: "newest" | "oldest") =>
      pick(which).send(
        JSON.stringify({ type: "disconnect", reason, debug_info: { host: "applink-fake" } }),
      ),
    /** Sends any text as a frame on the newest connection (an oversized one, say). */
    sendRaw: (text: string) => newest().send(text),
    /**
     * Holds back apps.connections.open's answers (the app's dial hangs there) until the returned
     * function is called; then every held request is answered and new ones go through.
     */
    holdOpens() {
      held = [];
      return () => {
        const release = held ?? [];
        held = undefined;
        for (const answer of release) answer();
      };
    },
    /** How many apps.connections.open requests are being held. */
    heldOpens: () => held?.length ?? 0,
    /** Cuts a connection without a close handshake, like a network failure. */
    drop: (which?: "newest" | "oldest") => pick(which).terminate(),
    close: async () => {
      for (const answer of held ?? []) answer();
      held = undefined;
      for (const socket of sockets) socket.terminate();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
export type FakeSlack = Awaited<ReturnType<typeof startFakeSlack>>;

/**
 * The Socket Mode client: the app dials out to Slack instead of listening on a Request URL.
 * It opens a socket through `apps.connections.open`, waits for `hello`, and answers every
 * envelope on it (see socket-mode-acks.ts). When Slack asks to reconnect (`disconnect`, reason
 * `warning` or `refresh_requested`) the new connection is opened first and the old one closed
 * only once it has sent its last acks, so nothing falls between them. A dropped socket is dialled
 * again after a backoff delay; `link_disabled` or a refused token stops the client with a
 * sentence, since retrying cannot fix either.
 *
 * @module
 */
import { createEnvelopeHandler, type Dispatch } from "./socket-mode-acks.ts";
import { type BackoffOptions, createBackoff, createWaiter } from "./socket-mode-backoff.ts";
import { dial } from "./socket-mode-dial.ts";
import { SocketModeFatalError } from "./socket-mode-open.ts";
import { parseIncoming } from "./socket-mode-protocol.ts";
import { createSocketPool } from "./socket-mode-sockets.ts";
import { frameText, type SocketConstructor, type SocketLike } from "./socket-mode-websocket.ts";

export interface SocketModeOptions {
  appToken: string;
  /** Slack's Web API base, ending in `/`. */
  apiUrl: string;
  dispatch: Dispatch;
  log?: (line: string) => void;
  fetch?: typeof fetch;
  WebSocket?: SocketConstructor;
  backoff?: BackoffOptions;
  /** A connection that lasted this long after `hello` was healthy: the backoff starts over. */
  healthyAfterMs?: number;
  /** How long a new socket may take to open, then to say `hello`. */
  connectTimeoutMs?: number;
}

export interface SocketModeClient {
  /** Resolves at the first `hello`; rejects with a {@link SocketModeFatalError} before it. */
  ready: Promise<void>;
  /** Resolves once the client has stopped: with the fatal error, or undefined after `close()`. */
  done: Promise<SocketModeFatalError | undefined>;
  close(): void;
}

const LINK_DISABLED =
  "Slack turned Socket Mode off for this app (link_disabled): turn it on again in the app's settings, or run in HTTP mode without SLACK_APP_TOKEN";

/**
 * @example
 * ```ts
 * const client = startSocketMode({ appToken, apiUrl: "https://slack.com/api/", dispatch: bot.dispatch });
 * await client.ready;
 * ```
 */
export function startSocketMode(options: SocketModeOptions): SocketModeClient {
  const log = options.log ?? ((line: string) => console.log(line));
  const healthyAfterMs = options.healthyAfterMs ?? 30_000;
  const timeoutMs = options.connectTimeoutMs ?? 10_000;
  const backoff = createBackoff(options.backoff);
  const ackFor = createEnvelopeHandler({ dispatch: options.dispatch, log });
  const pool = createSocketPool();
  let establishing = false;
  let stopped = false;
  const waiter = createWaiter();
  let finish!: (error?: SocketModeFatalError) => void;
  const done = new Promise<SocketModeFatalError | undefined>((resolve) => {
    finish = resolve;
  });
  let connected!: () => void;
  let failed!: (error: Error) => void;
  const ready = new Promise<void>((resolve, reject) => {
    connected = resolve;
    failed = reject;
  });
  ready.catch(() => {});

  function stop(error?: SocketModeFatalError) {
    if (stopped) return;
    stopped = true;
    waiter.wake();
    pool.closeAll();
    failed(error ?? new Error("Socket Mode stopped before it connected"));
    finish(error);
  }

  function onFrame(socket: SocketLike, data: unknown, hello: () => void) {
    const text = frameText(data);
    const message = text === undefined ? { kind: "binary" as const } : parseIncoming(text);
    if (message.kind === "hello") {
      pool.hello(socket, Date.now());
      hello();
    } else if (message.kind === "envelope") {
      const ack = ackFor(message).then((frame) => {
        if (!pool.send(socket, frame))
          log("Socket Mode: no open socket for an ack; Slack will deliver the envelope again");
      });
      pool.track(socket, ack);
    } else if (message.kind === "disconnect") {
      if (message.reason === "link_disabled") return stop(new SocketModeFatalError(LINK_DISABLED));
      // A socket already being replaced may warn again; only the current one asks for a new one.
      if (socket !== pool.current) return;
      log(`Socket Mode: Slack asked for a new connection (${message.reason || "no reason given"})`);
      establish(0);
    } else if (message.kind === "invalid" || message.kind === "binary")
      log(`Socket Mode: ignored ${message.kind === "binary" ? "a binary frame" : message.why}`);
  }

  function onClose(socket: SocketLike) {
    const wasCurrent = socket === pool.current;
    const helloAt = pool.remove(socket);
    if (helloAt !== undefined && Date.now() - helloAt >= healthyAfterMs) backoff.reset();
    if (!wasCurrent || stopped) return;
    const delay = backoff.next();
    log(`Socket Mode: the connection dropped; reconnecting in ${delay} ms`);
    establish(delay);
  }

  /** Dials until a socket says hello (or a fatal error), then makes it current. */
  function establish(delayMs: number) {
    if (establishing || stopped) return;
    establishing = true;
    void (async () => {
      if (delayMs) await waiter.wait(delayMs);
      while (!stopped) {
        try {
          const socket = await dial({
            ...options,
            timeoutMs,
            open: pool.add,
            message: onFrame,
            close: onClose,
          });
          if (stopped) return socket.close();
          const previous = pool.current;
          pool.current = socket;
          log(`Socket Mode: connected to Slack (${pool.size} open)`);
          if (previous) void pool.retire(previous);
          return connected();
        } catch (error) {
          if (error instanceof SocketModeFatalError) return stop(error);
          if (stopped) return;
          const delay = backoff.next();
          const why = (error as Error).message;
          log(`Socket Mode: could not connect (${why}); trying again in ${delay} ms`);
          await waiter.wait(delay);
        }
      }
    })().finally(() => {
      establishing = false;
    });
  }

  establish(0);
  return {
    ready,
    done,
    close: () => stop(),
  };
}

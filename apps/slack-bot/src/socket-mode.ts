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
import { createFrameHandler, errorText } from "./socket-mode-frames.ts";
import { SocketModeFatalError } from "./socket-mode-open.ts";
import { createSocketPool } from "./socket-mode-sockets.ts";
import { OPEN, type SocketConstructor, type SocketLike } from "./socket-mode-websocket.ts";

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
 * Connects to Slack in Socket Mode and stays connected until `close()` or a fatal error.
 * @example
 * ```ts
 * import { createSlackBot, loadConfig, SocketModeFatalError, startSocketMode } from "@mybot/slack-bot";
 * const bot = createSlackBot(loadConfig(process.env));
 * const client = startSocketMode({ appToken, apiUrl: "https://slack.com/api/", dispatch: bot.dispatch });
 * await client.ready; // rejects with a SocketModeFatalError when Slack refuses the token
 * const error = await client.done; // a SocketModeFatalError, or undefined after client.close()
 * ```
 */
export function startSocketMode(options: SocketModeOptions): SocketModeClient {
  const log = options.log ?? ((line: string) => console.log(line));
  const healthyAfterMs = options.healthyAfterMs ?? 30_000;
  const timeoutMs = options.connectTimeoutMs ?? 10_000;
  const backoff = createBackoff(options.backoff);
  const ackFor = createEnvelopeHandler({ dispatch: options.dispatch, log });
  const pool = createSocketPool(log);
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

  const onFrame = createFrameHandler({
    pool,
    ackFor,
    log,
    disconnect(socket, reason) {
      if (reason === "link_disabled") return stop(new SocketModeFatalError(LINK_DISABLED));
      // A socket already being replaced may warn again; only the current one asks for a new one.
      if (socket !== pool.current) return;
      log(`Socket Mode: Slack asked for a new connection (${reason || "no reason given"})`);
      establish(0);
    },
  });

  function onClose(socket: SocketLike) {
    const wasCurrent = socket === pool.current;
    const helloAt = pool.remove(socket);
    if (helloAt !== undefined && Date.now() - helloAt >= healthyAfterMs) backoff.reset();
    // While a dial is under way (a refresh's, say) its socket becomes current: no second one.
    if (!wasCurrent || stopped || establishing) return;
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
          // Closed between hello and here: its close found it not current and did nothing.
          if (socket.readyState !== OPEN) {
            const delay = backoff.next();
            log(
              `Socket Mode: the new connection closed right after hello; trying again in ${delay} ms`,
            );
            await waiter.wait(delay);
            continue;
          }
          const previous = pool.current;
          pool.current = socket;
          log(`Socket Mode: connected to Slack (${pool.size} open)`);
          if (previous)
            pool.retire(previous).catch((e) => log(`Socket Mode: ${errorText(e)} on retiring`));
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

/**
 * One Socket Mode connection, dialled: a WebSocket URL from `apps.connections.open`, the socket
 * opened, and Slack's `hello` awaited, each step within a time limit. What arrives on the
 * socket, `hello` included, goes to the caller's handlers from the first frame on.
 *
 * @module
 */
import { openConnection } from "./socket-mode-open.ts";
import {
  openSocket,
  type SocketConstructor,
  type SocketLike,
  webSocketConstructor,
} from "./socket-mode-websocket.ts";

export interface DialOptions {
  apiUrl: string;
  appToken: string;
  fetch?: typeof fetch;
  WebSocket?: SocketConstructor;
  /** For each step: the URL, the socket's opening, `hello`. */
  timeoutMs: number;
  open(socket: SocketLike): void;
  /** Each frame; the handler calls `hello()` when the frame is Slack's `hello`. */
  message(socket: SocketLike, data: unknown, hello: () => void): void;
  close(socket: SocketLike): void;
}

/**
 * Resolves with the socket once Slack said `hello`; rejects (closing the socket) otherwise. A
 * refused token rejects with `SocketModeFatalError` (see socket-mode-open.ts).
 *
 * @example
 * ```ts
 * const socket = await dial({ apiUrl, appToken, timeoutMs: 10_000, open, message, close });
 * ```
 */
export async function dial(options: DialOptions): Promise<SocketLike> {
  const url = await openConnection({ ...options });
  const Socket = options.WebSocket ?? (await webSocketConstructor());
  let helloed = () => {};
  let closedEarly = () => {};
  const hello = new Promise<void>((resolve, reject) => {
    helloed = resolve;
    closedEarly = () => reject(new Error("the socket closed before Slack said hello"));
  });
  const socket = await openSocket(Socket, url, options.timeoutMs, {
    open: options.open,
    message: (data, socket) => options.message(socket, data, helloed),
    close: (socket) => {
      closedEarly();
      options.close(socket);
    },
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([
      hello,
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`Slack sent no hello within ${options.timeoutMs} ms`)),
          options.timeoutMs,
        );
      }),
    ]);
  } catch (error) {
    socket.close();
    throw error;
  } finally {
    clearTimeout(timer);
  }
  return socket;
}

/**
 * Which WebSocket client to use: the runtime's own where it has one (Node 22+, Bun, Deno), else
 * the `ws` package (Node 20's global WebSocket is behind a flag). `ws` is imported only when
 * needed, so that Bun and Deno never load it. Both speak the same browser-style API, the part
 * of it used here is {@link SocketLike}.
 *
 * @module
 */

/** The part of the browser WebSocket API that Socket Mode needs. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: "open" | "close" | "error", listener: () => void): void;
  addEventListener(type: "message", listener: (event: { data: unknown }) => void): void;
}

export type SocketConstructor = new (url: string) => SocketLike;

/** `readyState` of an open socket, the same in every implementation. */
export const OPEN = 1;
/**
 * Slack's payloads are a few kB (a block action carries its message); more is not Slack. `ws`
 * (Node 20) refuses a longer frame before buffering it, closing the socket with 1009. The
 * runtimes' own clients take no such option: Node 22+'s (undici) buffers up to its built-in
 * ceiling (none in older undici, 128 MB in later 7.x, changeable only through the `undici`
 * package's dispatcher), and Bun's and Deno's take no limit at all. So socket-mode.ts checks
 * every frame with {@link frameTooLarge} and answers an oversized one as `ws` does: the
 * connection is closed with 1009 and dialled again. The same limit, the same outcome, on every
 * client; only the memory spent before the check differs.
 */
export const MAX_FRAME_BYTES = 4 * 1024 * 1024;
/** WebSocket close code "message too big" (RFC 6455 §7.4.1), as `ws` sends it. */
export const TOO_BIG = 1009;

/**
 * The frame's size in UTF-8 bytes when it is over {@link MAX_FRAME_BYTES}, else undefined. A
 * string of n UTF-16 units takes n to 3n bytes: only near the limit are they counted exactly,
 * past it the size given is n, a lower bound.
 *
 * @example
 * ```ts
 * frameTooLarge("x".repeat(5 * 1024 * 1024)); // 5242880
 * frameTooLarge('{"type":"hello"}'); // undefined
 * ```
 */
export function frameTooLarge(text: string, max = MAX_FRAME_BYTES): number | undefined {
  if (text.length * 3 <= max) return undefined;
  const bytes = text.length > max ? text.length : new TextEncoder().encode(text).byteLength;
  return bytes > max ? bytes : undefined;
}

/**
 * @example
 * ```ts
 * const Socket = await webSocketConstructor();
 * const socket = new Socket("wss://wss-primary.slack.com/link/?ticket=…");
 * ```
 */
export async function webSocketConstructor(
  global: { WebSocket?: unknown } = globalThis,
): Promise<SocketConstructor> {
  if (typeof global.WebSocket === "function") return global.WebSocket as SocketConstructor;
  const { WebSocket } = await import("ws");
  return class extends WebSocket {
    constructor(url: string) {
      super(url, { maxPayload: MAX_FRAME_BYTES });
    }
  } as unknown as SocketConstructor;
}

/**
 * A frame's text. `ws` and the runtimes hand text frames over as strings; a binary frame is
 * not something Slack sends, and reads as undefined.
 *
 * @example
 * ```ts
 * socket.addEventListener("message", (event) => frameText(event.data));
 * ```
 */
export function frameText(data: unknown): string | undefined {
  if (typeof data === "string") return data;
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data))
    return new TextDecoder().decode(data as ArrayBuffer);
  return undefined;
}

/**
 * Opens a socket and resolves once it is open; rejects if it fails or takes over `timeoutMs`.
 * The listeners go on before the socket opens: a server may send its first frame in the same
 * packet as the handshake, and `ws` delivers it before an `await` after "open" would resume.
 *
 * @example
 * ```ts
 * const socket = await openSocket(await webSocketConstructor(), url, 10_000, {
 *   message: (data) => console.log(frameText(data)),
 *   close: () => console.log("closed"),
 * });
 * ```
 */
export function openSocket(
  Socket: SocketConstructor,
  url: string,
  timeoutMs: number,
  on: {
    open?(socket: SocketLike): void;
    message(data: unknown, socket: SocketLike): void;
    close(socket: SocketLike): void;
  },
): Promise<SocketLike> {
  return new Promise((resolve, reject) => {
    let socket: SocketLike;
    try {
      socket = new Socket(url);
    } catch (error) {
      reject(new Error(`the WebSocket could not be opened (${(error as Error).message})`));
      return;
    }
    let opened = false;
    const timer = setTimeout(() => {
      reject(new Error(`the WebSocket did not open within ${timeoutMs} ms`));
      socket.close();
    }, timeoutMs);
    socket.addEventListener("open", () => {
      opened = true;
      clearTimeout(timer);
      on.open?.(socket);
      resolve(socket);
    });
    socket.addEventListener("message", (event) => on.message(event.data, socket));
    // The events say nothing useful (and the URL holds a ticket): a plain sentence.
    socket.addEventListener("close", () => {
      clearTimeout(timer);
      if (opened) on.close(socket);
      else reject(new Error("the WebSocket closed before it opened"));
    });
    socket.addEventListener("error", () => {});
  });
}

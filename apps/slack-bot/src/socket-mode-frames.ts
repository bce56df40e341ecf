/**
 * One frame from a Socket Mode socket, read and answered: an oversized frame closes the socket
 * (as `ws` does on Node 20, see MAX_FRAME_BYTES), `hello` marks the socket ready, an envelope is
 * acknowledged on the socket it came on (socket-mode-acks.ts decides the body), `disconnect`
 * goes back to the client, which alone decides whether to dial again; anything else is logged.
 *
 * @module
 */
import type { Envelope } from "./socket-mode-protocol.ts";
import { parseIncoming } from "./socket-mode-protocol.ts";
import type { createSocketPool } from "./socket-mode-sockets.ts";
import { frameText, frameTooLarge, type SocketLike, TOO_BIG } from "./socket-mode-websocket.ts";

export interface FrameDeps {
  pool: ReturnType<typeof createSocketPool>;
  ackFor: (envelope: Envelope) => Promise<string>;
  log: (line: string) => void;
  /** Slack's `disconnect` on `socket`, with its reason ("" when none). */
  disconnect(socket: SocketLike, reason: string): void;
}

/** An error's message for a log line: never a stack. */
export const errorText = (error: unknown) =>
  error instanceof Error ? error.message : String(error);

/**
 * @example
 * ```ts
 * const onFrame = createFrameHandler({ pool, ackFor, log, disconnect: (socket, reason) => {} });
 * socket.addEventListener("message", (event) => onFrame(socket, event.data, () => {}));
 * ```
 */
export function createFrameHandler(deps: FrameDeps) {
  const { pool, ackFor, log } = deps;
  return (socket: SocketLike, data: unknown, hello: () => void): void => {
    const text = frameText(data);
    const tooLarge = text === undefined ? undefined : frameTooLarge(text);
    if (tooLarge !== undefined) {
      log(`Socket Mode: a frame of ${tooLarge} bytes is over the limit; closing the connection`);
      socket.close(TOO_BIG, "message too big");
      return;
    }
    const message = text === undefined ? { kind: "binary" as const } : parseIncoming(text);
    if (message.kind === "hello") {
      pool.hello(socket, Date.now());
      hello();
    } else if (message.kind === "envelope") {
      const ack = ackFor(message)
        .then((frame) => {
          if (!pool.send(socket, frame))
            log("Socket Mode: no open socket for an ack; Slack will deliver the envelope again");
        })
        // A socket may throw on send as it closes: Slack delivers the envelope again.
        .catch((error) => log(`Socket Mode: could not send an ack (${errorText(error)})`));
      pool.track(socket, ack);
    } else if (message.kind === "disconnect") deps.disconnect(socket, message.reason);
    else if (message.kind === "invalid" || message.kind === "binary")
      log(`Socket Mode: ignored ${message.kind === "binary" ? "a binary frame" : message.why}`);
  };
}

/**
 * The Socket Mode sockets open at one time: usually one, two while a refresh overlaps the new
 * connection with the old. One is current; an ack goes back on the socket its envelope came on,
 * or on the current one if that has closed; an old socket is retired only once its acks are out.
 *
 * @module
 */
import { OPEN, type SocketLike } from "./socket-mode-websocket.ts";

/** Slack waits 3 s for an ack: past that, a retiring socket's pending acks no longer matter. */
export const RETIRE_AFTER_MS = 3000;

/**
 * @example
 * ```ts
 * const pool = createSocketPool(console.log);
 * pool.add(socket);
 * pool.current = socket;
 * pool.send(socket, ackFrame);
 * ```
 */
export function createSocketPool(log: (line: string) => void = () => {}) {
  const sockets = new Map<SocketLike, { helloAt?: number; acks: Set<Promise<unknown>> }>();
  let current: SocketLike | undefined;
  return {
    get current() {
      return current;
    },
    set current(socket: SocketLike | undefined) {
      current = socket;
    },
    get size() {
      return sockets.size;
    },
    add(socket: SocketLike) {
      sockets.set(socket, { acks: new Set() });
    },
    hello(socket: SocketLike, at: number) {
      const state = sockets.get(socket);
      if (state) state.helloAt ??= at;
    },
    /** Forgets a closed socket; returns when it said hello, if it did. */
    remove(socket: SocketLike): number | undefined {
      const helloAt = sockets.get(socket)?.helloAt;
      sockets.delete(socket);
      if (socket === current) current = undefined;
      return helloAt;
    },
    /** Sends an ack for an envelope that came on `from`; false when no socket is open. */
    send(from: SocketLike, frame: string): boolean {
      for (const socket of [from, current])
        if (socket?.readyState === OPEN) {
          socket.send(frame);
          return true;
        }
      return false;
    },
    /** Keeps `ack` (the work of answering an envelope from `socket`) until it settles. */
    track(socket: SocketLike, ack: Promise<unknown>) {
      const acks = sockets.get(socket)?.acks;
      acks?.add(ack);
      // A failed ack is the caller's to report; here it must only not become an unhandled rejection.
      ack
        .finally(() => acks?.delete(ack))
        .catch((error) =>
          log(`Socket Mode: an ack failed (${(error as Error)?.message ?? error})`),
        );
    },
    /** Closes `socket` once its acks are out, or after {@link RETIRE_AFTER_MS}. */
    async retire(socket: SocketLike, afterMs = RETIRE_AFTER_MS) {
      const acks = [...(sockets.get(socket)?.acks ?? [])];
      await Promise.race([Promise.allSettled(acks), new Promise((r) => setTimeout(r, afterMs))]);
      socket.close(1000, "replaced by a new connection");
    },
    closeAll() {
      for (const socket of sockets.keys()) socket.close(1000, "stopping");
      current = undefined;
    },
  };
}

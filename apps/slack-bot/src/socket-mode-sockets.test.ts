import { describe, expect, it } from "vitest";
import { createSocketPool } from "./socket-mode-sockets.ts";
import type { SocketLike } from "./socket-mode-websocket.ts";

const socket = (): SocketLike => ({
  readyState: 1,
  send: () => {},
  close: () => {},
  addEventListener: () => {},
});

describe("createSocketPool", () => {
  it("logs an ack that fails instead of leaving an unhandled rejection", async () => {
    const logs: string[] = [];
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    try {
      const pool = createSocketPool((line) => logs.push(line));
      const s = socket();
      pool.add(s);
      pool.track(s, Promise.reject(new Error("send failed")));
      await new Promise((r) => setTimeout(r, 20));
      expect(logs).toEqual(["Socket Mode: an ack failed (send failed)"]);
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });
});

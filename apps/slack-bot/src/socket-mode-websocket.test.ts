import { describe, expect, it } from "vitest";
import { WebSocket as WsWebSocket } from "ws";
import { frameText, webSocketConstructor } from "./socket-mode-websocket.ts";

describe("webSocketConstructor", () => {
  it("uses the runtime's WebSocket when there is one", async () => {
    class Native {}
    expect(await webSocketConstructor({ WebSocket: Native })).toBe(Native);
  });

  it("falls back to the ws package without one, as on Node 20", async () => {
    const Socket = await webSocketConstructor({});
    expect(Socket.prototype).toBeInstanceOf(WsWebSocket);
    if (process.versions.node.startsWith("20."))
      expect(await webSocketConstructor()).not.toBe(globalThis.WebSocket);
  });
});

describe("frameText", () => {
  it("reads text frames, whichever client delivered them", () => {
    expect(frameText('{"type":"hello"}')).toBe('{"type":"hello"}');
    expect(frameText(new TextEncoder().encode("é"))).toBe("é");
    expect(frameText(Buffer.from("hi"))).toBe("hi");
    expect(frameText({})).toBeUndefined();
  });
});

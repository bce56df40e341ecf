import { describe, expect, it } from "vitest";
import { WebSocket as WsWebSocket } from "ws";
import {
  frameText,
  frameTooLarge,
  MAX_FRAME_BYTES,
  webSocketConstructor,
} from "./socket-mode-websocket.ts";

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

describe("frameTooLarge", () => {
  it("counts UTF-8 bytes, not UTF-16 units, against the limit", () => {
    expect(frameTooLarge('{"type":"hello"}')).toBeUndefined();
    expect(frameTooLarge("x".repeat(MAX_FRAME_BYTES))).toBeUndefined();
    expect(frameTooLarge("x".repeat(MAX_FRAME_BYTES + 1))).toBe(MAX_FRAME_BYTES + 1);
    // 3 bytes each: under the limit in units, over it in bytes.
    const units = Math.ceil(MAX_FRAME_BYTES / 3) + 1;
    expect(frameTooLarge("€".repeat(units))).toBe(units * 3);
    expect(frameTooLarge("€".repeat(Math.floor(MAX_FRAME_BYTES / 3)))).toBeUndefined();
  });
});

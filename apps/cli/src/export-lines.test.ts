import type { ChatMessage } from "@mybot/core";
import { describe, expect, it } from "vitest";
import { exportMessageLine } from "./export-lines.ts";
import { toMessageRecord } from "./message-record.ts";

const base: ChatMessage = {
  id: "fp-0123456789abcdef",
  timestamp: Date.UTC(2026, 7, 1, 15, 21, 14, 250),
  sender: "user",
  type: "TEXT",
  text: "Where is my refund?",
  raw: {
    timestamp: "2026-08-01 20:51:14.250+0530",
    sender: "user",
    response: "Where is my refund?",
  },
};

describe("exportMessageLine", () => {
  const messages: Record<string, ChatMessage> = {
    text: base,
    options: { ...base, type: "OPTIONS", text: "[a, b]", options: ["a", "b"] },
    file: {
      ...base,
      type: "FILE_RECEIVED",
      text: "invoice.pdf",
      file: { url: "https://x.test/i.pdf", name: "invoice.pdf", mimeType: "application/pdf" },
    },
    both: { ...base, options: ["a"], file: { url: "https://x.test/f", name: "f" } },
  };
  for (const [name, m] of Object.entries(messages)) {
    it(`is the message record, type renamed messageType, after type and channelUserId: ${name}`, () => {
      const { type, ...record } = toMessageRecord(m);
      const { id, timestamp, time, sender, ...rest } = record;
      const expected = {
        type: "message",
        channelUserId: "91",
        id,
        timestamp,
        time,
        sender,
        messageType: type,
        ...rest,
      };
      const line = exportMessageLine("91", m);
      expect(line.endsWith("\n")).toBe(true);
      // Byte for byte: the key order is part of the output.
      expect(line).toBe(`${JSON.stringify(expected)}\n`);
    });
  }
});

import type { ChatMessage } from "@mybot/core";
import { describe, expect, it } from "vitest";
import { displayText, toMessageRecord } from "./message-record.ts";

const base: ChatMessage = {
  id: "fp-0123456789abcdef",
  timestamp: Date.UTC(2026, 7, 1, 15, 21, 14, 250),
  sender: "bot",
  type: "TEXT",
  text: "Hello!\nHow can I help?",
  raw: { timestamp: "2026-08-01 20:51:14.250+0530", sender: "bot", response: "Hello!" },
};

describe("toMessageRecord", () => {
  it("adds the ISO time, keeps a fixed key order, and puts the vendor's message last", () => {
    const record = toMessageRecord({
      ...base,
      file: { url: "https://x/a.pdf", name: "a.pdf" },
      options: ["a"],
    });
    expect(Object.keys(record)).toEqual([
      "id",
      "timestamp",
      "time",
      "sender",
      "type",
      "text",
      "options",
      "file",
      "raw",
    ]);
    expect(record.time).toBe("2026-08-01T15:21:14.250Z");
    expect(Object.keys(toMessageRecord(base))).not.toContain("file");
  });
});

describe("displayText", () => {
  it.each([
    [{}, "Hello! How can I help?"],
    [
      { type: "FILE_RECEIVED", file: { url: "https://x/a.pdf", name: "a.pdf" } },
      "[file] a.pdf <https://x/a.pdf>",
    ],
    [
      { type: "AGENT_PARTICIPATION_STATUS", text: "Ravi Rao joined the conversation" },
      "(Ravi Rao joined the conversation)",
    ],
    [{ type: "OPTIONS", options: ["⭐", "⭐⭐"], text: "[⭐, ⭐⭐]" }, "[options] ⭐ | ⭐⭐"],
    [{ type: "CAROUSEL", text: "cards" }, "[CAROUSEL] cards"],
  ])("%j reads %j", (change, shown) => {
    expect(displayText({ ...base, ...change } as ChatMessage)).toBe(shown);
  });
});

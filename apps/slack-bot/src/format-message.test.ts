import type { ChatMessage } from "@mybot/core";
import { describe, expect, it } from "vitest";
import { blockKitProblems, blockTexts } from "../test/block-kit.ts";
import { formatHistory } from "./format.ts";
import { MAX_MESSAGE_CHARS, renderMessage } from "./format-message.ts";

const at = Date.UTC(2026, 7, 1, 15, 21, 14, 250);
const message = (fields: Partial<ChatMessage>): ChatMessage => ({
  id: "fp-0123456789abcdef",
  timestamp: at,
  sender: "user",
  type: "TEXT",
  text: "",
  raw: {},
  ...fields,
});

describe("renderMessage", () => {
  it("puts the sender and the time first, and shows a sender MyBOT made up as sent", () => {
    expect(renderMessage(message({ text: "hi\nthere" }), { mask: false })).toBe(
      "*user* · 2026-08-01 15:21 UTC\nhi\nthere",
    );
    expect(renderMessage(message({ sender: "visitor", text: "hi" }), { mask: false })).toBe(
      "*visitor* · 2026-08-01 15:21 UTC\nhi",
    );
  });

  it("shows a file's caption and its link, and cuts the caption, not the link, when long", () => {
    const file = { url: "https://f.example/cat.jpg", name: "cat.jpg", mimeType: "image/jpeg" };
    expect(renderMessage(message({ type: "IMAGE", text: "my cat", file }), { mask: false })).toBe(
      "*user* · 2026-08-01 15:21 UTC\nmy cat\n:paperclip: <https://f.example/cat.jpg|cat.jpg> · image/jpeg",
    );
    const long = renderMessage(message({ type: "IMAGE", text: "&".repeat(5000), file }), {
      mask: false,
    });
    expect(long.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
    expect(long).toMatch(
      /…\n:paperclip: <https:\/\/f\.example\/cat\.jpg\|cat\.jpg> · image\/jpeg$/,
    );
  });

  it("shows an agent joining as one short system line, and a file without a MIME type by its kind", () => {
    expect(
      renderMessage(
        message({
          sender: "agent",
          type: "AGENT_PARTICIPATION_STATUS",
          text: "Ravi Rao joined the conversation",
        }),
        { mask: false },
      ),
    ).toBe("*agent* · 2026-08-01 15:21 UTC · _Ravi Rao joined the conversation_");
    const file = {
      url: "https://f.example/invoice.pdf",
      name: "invoice.pdf",
      uploadType: "document",
    };
    expect(
      renderMessage(message({ type: "FILE_RECEIVED", text: "invoice.pdf", file }), { mask: false }),
    ).toBe(
      "*user* · 2026-08-01 15:21 UTC\n:paperclip: <https://f.example/invoice.pdf|invoice.pdf> · document",
    );
    expect(
      renderMessage(message({ sender: "bot", type: "OPTIONS", options: ["⭐", "⭐⭐"] }), {
        mask: false,
      }),
    ).toBe("*bot* · 2026-08-01 15:21 UTC\nChoices:\n•  ⭐\n•  ⭐⭐");
  });

  it("keeps a long list of choices within a section, saying how many more there were", () => {
    const options = Array.from({ length: 500 }, (_, i) => `choice ${i} ${"x".repeat(50)}`);
    const text = renderMessage(message({ sender: "bot", type: "OPTIONS", options }), {
      mask: false,
    });
    expect(text.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
    expect(text).toMatch(/\n… and \d+ more$/);
  });
});

describe("what a lying or hostile MyBOT sends", () => {
  it("shows a timestamp that is no date as an unknown time instead of throwing", () => {
    expect(renderMessage(message({ timestamp: Number.NaN, text: "hi" }), { mask: false })).toBe(
      "*user* · unknown time\nhi",
    );
  });

  it("answers a first message of 3,000+ characters with valid Block Kit and a visible cut", () => {
    for (const text of [
      "x".repeat(3500),
      "&<".repeat(2000),
      "😀".repeat(1600),
      "*_".repeat(2000),
    ]) {
      const reply = formatHistory(
        {
          messages: [message({ text })],
          page: 1,
          count: 20,
          endDate: at,
          hasOlder: false,
          requests: 1,
        },
        { channelUserId: "919812345678" },
        { mask: true, responseType: "ephemeral", command: "/mybot" },
      );
      expect(blockKitProblems(reply)).toEqual([]);
      expect(blockTexts(reply)[1]).toMatch(/…\n?$/);
    }
  });

  it("shows blank text as no text, not as an empty line", () => {
    expect(renderMessage(message({ text: " \n " }), { mask: false })).toBe(
      "*user* · 2026-08-01 15:21 UTC\n_(no text; TEXT)_",
    );
  });
});

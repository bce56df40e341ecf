import { describe, expect, it } from "vitest";
import { isMyBotApiError } from "./errors.ts";
import { toChatHistoryPage, toChatMessage, toErrorBody } from "./mapping.ts";

const request = { channelUserId: "919812345678", pageNumber: 2, pageSize: 50 };
const at = { index: 0, pageNumber: 1 };
const T = Date.UTC(2026, 7, 1, 15, 21, 14, 250);

/** Fixtures of each known shape (shared/mybot-api/README.md). */
const observed = {
  text: {
    timestamp: "2026-08-01 20:51:14.250+0530",
    sender: "bot",
    response: "Hello! How can I help?",
    message_type: "TEXT",
    file: null,
    attachments: null,
    user_id: "6f1c0a52-7a43-4d55-9c2e-1b8f3e0d2a71",
  },
  options: {
    timestamp: "2026/08/01 20:51:14.250+0530",
    sender: "bot",
    response: "[⭐, ⭐⭐, ⭐⭐⭐]",
    message_type: "OPTIONS",
  },
  agent: {
    timestamp: "2026-08-01 20:51:14.250+0530",
    sender: "agent",
    response: JSON.stringify({
      agentId: 4411,
      PARTICIPATION_MESSAGE: "<strong>Ravi &amp; Rao</strong> joined the conversation",
    }),
    message_type: "AGENT_PARTICIPATION_STATUS",
  },
  file: {
    timestamp: "2026-08-01 20:51:14.250+0530",
    sender: "user",
    response: "User uploaded invoice - March.pdf - [application/pdf]",
    message_type: "FILE_RECEIVED",
    file: {
      url: "https://files.example.com/u/abc.pdf?sig=1",
      mimeType: "application/pdf",
      uploadType: "FILE",
    },
    attachments: null,
  },
};

describe("toChatMessage", () => {
  it("reads the observed text message: timestamp offset-aware, text from response, raw kept", () => {
    const m = toChatMessage(observed.text, at);
    expect(m).toEqual({
      id: expect.stringMatching(/^fp-[0-9a-f]{16}$/),
      timestamp: T,
      sender: "bot",
      type: "TEXT",
      text: "Hello! How can I help?",
      raw: observed.text,
    });
  });

  it("lists the choices of an OPTIONS message and keeps the text as sent", () => {
    const m = toChatMessage(observed.options, at);
    expect(m.options).toEqual(["⭐", "⭐⭐", "⭐⭐⭐"]);
    expect(m.text).toBe("[⭐, ⭐⭐, ⭐⭐⭐]");
    expect(m.timestamp).toBe(T);
  });

  it("turns an agent joining into its readable sentence", () => {
    const m = toChatMessage(observed.agent, at);
    expect(m).toMatchObject({
      sender: "agent",
      type: "AGENT_PARTICIPATION_STATUS",
      text: "Ravi & Rao joined the conversation",
    });
    expect(toChatMessage({ ...observed.agent, response: "<b>Ana</b> left" }, at).text).toBe(
      "Ana left",
    );
  });

  it("names an uploaded file and keeps its link and type", () => {
    const m = toChatMessage(observed.file, at);
    expect(m.text).toBe("invoice - March.pdf");
    expect(m.file).toEqual({
      url: "https://files.example.com/u/abc.pdf?sig=1",
      name: "invoice - March.pdf",
      mimeType: "application/pdf",
      uploadType: "FILE",
    });
    const unnamed = toChatMessage({ ...observed.file, response: "", message_type: "IMAGE" }, at);
    expect(unnamed.file?.name).toBe("abc.pdf");
  });

  it("reads the alternatives: id, numeric timestamp, text instead of response, no type", () => {
    const m = toChatMessage({ id: "m1", timestamp: T, sender: "user", text: "hi" }, at);
    expect(m).toEqual({
      id: "m1",
      timestamp: T,
      sender: "user",
      type: "TEXT",
      text: "hi",
      raw: { id: "m1", timestamp: T, sender: "user", text: "hi" },
    });
    expect(toChatMessage({ id: 42, timestamp: T, sender: "bot" }, at).id).toBe("42");
  });

  it("passes unknown senders and types through, and normalises common spellings", () => {
    expect(
      toChatMessage({ ...observed.text, sender: "system", message_type: "CAROUSEL" }, at),
    ).toMatchObject({ sender: "system", type: "CAROUSEL" });
    expect(toChatMessage({ ...observed.text, sender: "CUSTOMER" }, at).sender).toBe("user");
    expect(toChatMessage({ ...observed.text, sender: "live_agent" }, at).sender).toBe("agent");
    expect(toChatMessage({ ...observed.text, sender: undefined }, at).sender).toBe("unknown");
  });

  it("gives the same fingerprint to the same message and different ones to different messages", () => {
    const a = toChatMessage(observed.text, at).id;
    expect(toChatMessage({ ...observed.text }, { index: 7, pageNumber: 9 }).id).toBe(a);
    expect(toChatMessage({ ...observed.text, response: "Hello! How can I help." }, at).id).not.toBe(
      a,
    );
    expect(toChatMessage({ ...observed.text, sender: "user" }, at).id).not.toBe(a);
    expect(
      toChatMessage({ ...observed.text, timestamp: "2026-08-01 20:51:14.251+0530" }, at).id,
    ).not.toBe(a);
  });

  it("refuses an unreadable timestamp with a typed error naming the field, message and page", () => {
    for (const timestamp of ["2026-08-01 20:51:14", "soon", undefined, -5]) {
      let error: unknown;
      try {
        toChatMessage({ ...observed.text, timestamp }, { index: 2, pageNumber: 4 });
      } catch (e) {
        error = e;
      }
      expect(isMyBotApiError(error)).toBe(true);
      expect(error).toMatchObject({ name: "MyBotInvalidResponseError" });
      expect((error as Error).message).toMatch(/`timestamp` of message 3 of page 4/);
    }
  });
});

describe("toChatHistoryPage", () => {
  it("reads the observed body: conversations, newest first, no ids, no metadata", () => {
    const body = {
      conversations: [
        { ...observed.text, timestamp: "2026-08-01 20:51:15.000+0530" },
        observed.text,
      ],
    };
    const page = toChatHistoryPage(body, request);
    expect(page).toMatchObject({
      channelUserId: "919812345678",
      listKey: "conversations",
      order: "newest-first",
      pagination: { pageNumber: 2, pageSize: 50, hasNextPage: false, fromServer: false },
      body,
    });
    expect(page.pagination.totalMessages).toBeUndefined();
    expect(page.messages.map((m) => m.timestamp)).toEqual([T + 750, T]);
  });

  it("reads the alternative body: messages, oldest first, ids, metadata", () => {
    const page = toChatHistoryPage(
      {
        messages: [
          { id: "a", timestamp: T, sender: "user", text: "hi" },
          { id: "b", timestamp: T + 1, sender: "bot", text: "hello" },
        ],
        pagination: {
          pageNumber: 7,
          pageSize: 2,
          totalMessages: 9,
          totalPages: 5,
          hasNextPage: true,
        },
      },
      request,
    );
    expect(page.listKey).toBe("messages");
    expect(page.order).toBe("oldest-first");
    expect(page.messages.map((m) => m.id)).toEqual(["a", "b"]);
    // The page asked for, not the one the server claims.
    expect(page.pagination).toEqual({
      pageNumber: 2,
      pageSize: 50,
      totalMessages: 9,
      totalPages: 5,
      hasNextPage: true,
      fromServer: true,
    });
  });

  it("numbers identical messages at the same instant, so each keeps an id of its own", () => {
    const page = toChatHistoryPage({ conversations: [observed.text, observed.text] }, request);
    const [a, b] = page.messages.map((m) => m.id);
    expect(b).toBe(`${a}-2`);
  });

  it("names the keys it saw when neither list key is there", () => {
    expect(() => toChatHistoryPage({ data: [], status: "ok" }, request)).toThrow(
      /no `conversations` or `messages` array \(keys seen: data, status\)/,
    );
    expect(() => toChatHistoryPage([], request)).toThrow(/not a JSON object/);
  });
});

describe("toErrorBody", () => {
  it.each([
    [
      { errorCode: 1004, errorMessage: "INVALID_PAGE_NUMBER", errorDetails: "Please…" },
      { errorCode: 1004, errorMessage: "INVALID_PAGE_NUMBER", errorDetails: "Please…" },
    ],
    [
      { code: 1004, description: "Please enter the correct page number." },
      { errorCode: 1004, errorDetails: "Please enter the correct page number." },
    ],
    [
      { code: "1003", message: "INVALID_INPUT_DATE_VALUE", details: "end_date…" },
      { errorCode: 1003, errorMessage: "INVALID_INPUT_DATE_VALUE", errorDetails: "end_date…" },
    ],
    [
      { status: { code: 1002, desc: "The bot id is invalid" } },
      { errorCode: 1002, errorDetails: "The bot id is invalid" },
    ],
    [
      { error: { error_code: 1004, error_message: "INVALID_PAGE_NUMBER" } },
      { errorCode: 1004, errorMessage: "INVALID_PAGE_NUMBER" },
    ],
    [{ message: "Something broke" }, { errorDetails: "Something broke" }],
    ["plain text", { errorDetails: "plain text" }],
  ])("reads %j", (body, expected) => {
    const read = toErrorBody(body);
    expect(Object.fromEntries(Object.entries(read).filter(([, v]) => v !== undefined))).toEqual(
      expected,
    );
  });
});

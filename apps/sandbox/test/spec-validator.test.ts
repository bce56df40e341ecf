import { describe, expect, it } from "vitest";
import { RATING_PROMPT } from "./harness.ts";
import { createSpecValidator } from "./spec-validator.ts";

describe("the spec validator used by every sandbox test", () => {
  const json = new Headers({ "content-type": "application/json" });
  it("accepts both history shapes and rejects bodies that break them", async () => {
    const v = await createSpecValidator();
    const observed = {
      conversations: [
        {
          timestamp: "2026-08-01 20:51:14.250+0530",
          ...RATING_PROMPT,
          file: null,
          attachments: null,
        },
      ],
    };
    const alternative = {
      messages: [{ id: "m1", timestamp: 1, sender: "user", response: "hi", message_type: "TEXT" }],
      pagination: {
        pageNumber: 1,
        pageSize: 500,
        totalMessages: 1,
        totalPages: 1,
        hasNextPage: false,
      },
    };
    expect(v.problems("getChatHistory", 200, observed, json)).toEqual([]);
    expect(v.problems("getChatHistory", 200, alternative, json)).toEqual([]);
    const message = observed.conversations[0];
    for (const broken of [
      { conversations: [{ ...message, timestamp: "1" }] },
      { conversations: [{ ...message, timestamp: "2026-08-01 20:51:14.250" }] },
      { conversations: [{ ...message, timestamp: -1 }] },
      { conversations: [{ ...message, file: { mimeType: "application/pdf" } }] },
      { conversations: [{ ...message, attachments: "none" }] },
      { conversations: [{ timestamp: message?.timestamp, response: "no sender" }] },
      { history: observed.conversations },
      { ...observed, pagination: { pageNumber: 1 } },
    ])
      expect(v.problems("getChatHistory", 200, broken, json), JSON.stringify(broken)).not.toEqual(
        [],
      );
    expect(
      v.problems(
        "getMatchingUsers",
        200,
        { users: [{ channel: "web", attributes: {} }], total: 1 },
        json,
      ),
    ).not.toEqual([]);
    expect(
      v.problems(
        "getChatHistory",
        400,
        { errorCode: "1004", errorMessage: "x", errorDetails: "y" },
        json,
      ),
    ).not.toEqual([]);
    expect(
      v.problems("getChatHistory", 400, { errorCode: 1004, errorMessage: "x" }, json),
    ).not.toEqual([]);
  });
  it("rejects undocumented statuses and non-JSON content types", async () => {
    const v = await createSpecValidator();
    const body = { errorCode: 404, errorMessage: "NOT_FOUND", errorDetails: "x" };
    expect(v.problems("getMatchingUsers", 404, body, json)).toEqual([]);
    expect(v.problems("getChatHistory", 404, body, json)).toEqual([
      "getChatHistory: status 404 is not documented",
    ]);
    expect(
      v.problems("getMatchingUsers", 404, body, new Headers({ "content-type": "text/plain" })),
    ).toHaveLength(1);
  });
});

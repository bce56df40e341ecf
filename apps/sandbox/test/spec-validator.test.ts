import { describe, expect, it } from "vitest";
import { createSpecValidator } from "./spec-validator.ts";

describe("the spec validator used by every sandbox test", () => {
  const json = new Headers({ "content-type": "application/json" });
  it("accepts the spec's own example and rejects bodies that break it", async () => {
    const v = await createSpecValidator();
    const page = {
      channelUserId: "1",
      messages: [{ id: "m1", timestamp: 1, sender: "user", text: "hi" }],
      pagination: {
        pageNumber: 1,
        pageSize: 500,
        totalMessages: 1,
        totalPages: 1,
        hasNextPage: false,
      },
    };
    expect(v.problems("getChatHistory", 200, page, json)).toEqual([]);
    expect(
      v.problems(
        "getChatHistory",
        200,
        { ...page, messages: [{ id: "m1", timestamp: "1", sender: "user", text: "hi" }] },
        json,
      ),
    ).not.toEqual([]);
    expect(
      v.problems(
        "getChatHistory",
        200,
        { ...page, messages: [{ id: "m1", timestamp: 1, sender: "robot", text: "hi" }] },
        json,
      ),
    ).not.toEqual([]);
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

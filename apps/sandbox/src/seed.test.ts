import { openDatabase } from "@mybot/sqlite";
import { describe, expect, it } from "vitest";
import { ASHA_PROFILE, BOT, CUSTOMER, fixtureSeed, UPLOAD } from "../test/harness.ts";
import { sessionUserId } from "./derived-ids.ts";
import { loadSeed, parseSeed, toStoredMessages } from "./seed.ts";
import { createSqliteStore } from "./store/sqlite-store.ts";

const issueExample = {
  customers: [
    {
      customerId: CUSTOMER,
      bots: [
        {
          botKey: BOT,
          utcOffset: "+0530",
          apiKeys: [
            { key: "live-key", status: "active" },
            { key: "old-key", status: "revoked" },
          ],
          users: [
            {
              ...ASHA_PROFILE,
              messages: [
                { id: "m1", timestamp: 1700000000000, sender: "user", response: "hi" },
                { timestamp: 1700000001500, sender: "bot", response: "Hello!" },
                {
                  timestamp: 1700000002000,
                  sender: "user",
                  ...UPLOAD,
                  message_type: "FILE_RECEIVED",
                  attachments: null,
                  user_id: "6f1c0a52-7a43-4d55-9c2e-1b8f3e0d2a71",
                },
              ],
            },
          ],
        },
      ],
    },
  ],
};

describe("the seed format", () => {
  it("accepts the documented example and loads it", async () => {
    const store = createSqliteStore(await openDatabase(":memory:"));
    expect(loadSeed(store, parseSeed(issueExample))).toEqual({ users: 1, messages: 3 });
    expect(store.findKey("old-key")?.status).toBe("revoked");
    // Loading it again adds nothing, although two messages have no id.
    expect(loadSeed(store, parseSeed(issueExample))).toEqual({ users: 1, messages: 0 });
  });

  it("fills in defaults, derives missing ids from the content, and keeps repeats in one list", () => {
    const messages = toStoredMessages(CUSTOMER, "b", "u1", [
      { timestamp: 1, sender: "user", response: "ok" },
      { timestamp: 1, sender: "user", response: "ok" },
      { timestamp: 1, sender: "user", response: "ok!" },
      { id: "own", timestamp: 1, sender: "bot", response: "ok", message_type: "OPTIONS" },
    ]);
    expect(messages[0]).toEqual({
      id: expect.stringMatching(/^s-[0-9a-f]{20}$/),
      timestamp: 1,
      sender: "user",
      response: "ok",
      message_type: "TEXT",
      file: null,
      attachments: null,
      user_id: sessionUserId(CUSTOMER, "b", "u1"),
    });
    expect(new Set(messages.map((m) => m.id)).size).toBe(4);
    expect(messages[3]?.id).toBe("own");
    // Deterministic: the same list gives the same ids, another user the same ids but another user_id.
    expect(
      toStoredMessages(CUSTOMER, "b", "u1", [{ timestamp: 1, sender: "user", response: "ok" }])[0]
        ?.id,
    ).toBe(messages[0]?.id);
    expect(sessionUserId(CUSTOMER, "b", "u2")).not.toBe(sessionUserId(CUSTOMER, "b", "u1"));
  });

  it("shows a bot's timestamps in its utcOffset, and rewrites them when the offset changes", async () => {
    const store = createSqliteStore(await openDatabase(":memory:"));
    const seed = (utcOffset?: string) =>
      parseSeed({
        customers: [
          {
            customerId: "1",
            bots: [
              {
                botKey: "b",
                ...(utcOffset && { utcOffset }),
                users: [
                  {
                    channelUserId: "u",
                    channel: "web",
                    messages: [{ timestamp: 1700000000250, sender: "user", response: "hi" }],
                  },
                ],
              },
            ],
          },
        ],
      });
    const stamp = () => {
      const page = store.history("1", "b", "u", {
        startDate: 0,
        endDate: 2e12,
        offset: 0,
        limit: 1,
        order: "newest-first",
        ids: false,
        timestamps: "string",
        count: false,
      });
      return JSON.parse(page?.messagesJson ?? "")[0].timestamp;
    };
    loadSeed(store, seed());
    expect(stamp()).toBe("2023-11-15 03:43:20.250+0530");
    loadSeed(store, seed("-0800"));
    expect(stamp()).toBe("2023-11-14 14:13:20.250-0800");
    // A seed that does not say keeps the bot's offset.
    loadSeed(store, seed());
    expect(stamp()).toBe("2023-11-14 14:13:20.250-0800");
  });

  it("loads the same seed twice without duplicating anything", async () => {
    const store = createSqliteStore(await openDatabase(":memory:"));
    loadSeed(store, fixtureSeed());
    expect(loadSeed(store, fixtureSeed()).messages).toBe(0);
    expect(store.stats(CUSTOMER, BOT).messages).toEqual({
      user: 4,
      bot: 2,
      agent: 1,
    });
  });

  const withUser = (patch: Record<string, unknown>) => {
    const seed = structuredClone(issueExample) as {
      customers: { bots: { users: Record<string, unknown>[] }[] }[];
    };
    Object.assign(seed.customers[0]?.bots[0]?.users[0] ?? {}, patch);
    return seed;
  };
  it.each([
    [
      { customers: [{ customerId: "1", bots: [], colour: "red" }] },
      "$.customers[0].colour: unknown field",
    ],
    [withUser({ nmae: "typo" }), "$.customers[0].bots[0].users[0].nmae: unknown field"],
    [
      withUser({ messages: [{ id: "m", timestamp: 1, sender: "robot", response: "" }] }),
      "users[0].messages[0].sender: must be one of user, bot, agent",
    ],
    [
      withUser({ messages: [{ id: "m", timestamp: "yesterday", sender: "user", response: "" }] }),
      "messages[0].timestamp: must be epoch milliseconds",
    ],
    [
      withUser({ messages: [{ timestamp: 1, sender: "user", text: "hi" }] }),
      "users[0].messages[0].text: unknown field",
    ],
    [
      withUser({ messages: [{ timestamp: 1, sender: "user" }] }),
      "users[0].messages[0].response: is required",
    ],
    [
      withUser({ messages: [{ timestamp: 1, sender: "user", response: 5 }] }),
      "users[0].messages[0].response: must be a string",
    ],
    [
      withUser({ messages: [{ id: "", timestamp: 1, sender: "user", response: "" }] }),
      "users[0].messages[0].id: must be a non-empty string",
    ],
    [
      withUser({ messages: [{ timestamp: 1, sender: "user", response: "", message_type: "" }] }),
      "users[0].messages[0].message_type: must be a non-empty string",
    ],
    [
      withUser({ messages: [{ timestamp: 1, sender: "user", response: "", file: "a.pdf" }] }),
      "users[0].messages[0].file: must be an object",
    ],
    [
      withUser({
        messages: [{ timestamp: 1, sender: "user", response: "", file: { url: "u", size: 1 } }],
      }),
      "users[0].messages[0].file.size: unknown field",
    ],
    [
      withUser({ messages: [{ timestamp: 1, sender: "user", response: "", attachments: {} }] }),
      "users[0].messages[0].attachments: must be an array or null",
    ],
    [
      withUser({ messages: [{ timestamp: 1, sender: "user", response: "", user_id: 7 }] }),
      "users[0].messages[0].user_id: must be a non-empty string",
    ],
    [
      { customers: [{ customerId: "1", bots: [{ botKey: "b", utcOffset: "+05:30" }] }] },
      "$.customers[0].bots[0].utcOffset: must be a UTC offset like +0530",
    ],
    [
      { customers: [{ customerId: "1", bots: [{ botKey: "b", utcOffset: "+1500" }] }] },
      "$.customers[0].bots[0].utcOffset: must be a UTC offset like +0530",
    ],
    [withUser({ attributes: { stars: 5 } }), "users[0].attributes.stars: must be a string"],
    [withUser({ channel: undefined }), "users[0].channel: is required"],
    [{ customers: {} }, "$.customers: must be an array"],
    [[], "$: must be an object"],
  ])("rejects %j naming the field", (seed, message) => {
    expect(() => parseSeed(seed)).toThrow(message);
  });
});

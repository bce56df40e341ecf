import { describe, expect, it } from "vitest";
import { fixtureSeed } from "../test/harness.ts";
import { loadSeed, parseSeed } from "./seed.ts";
import { openDatabase } from "./store/open-database.ts";
import { createSqliteStore } from "./store/sqlite-store.ts";

const issueExample = {
  customers: [
    {
      customerId: "10294",
      bots: [
        {
          botKey: "1a1c9bfa5e0f41ed",
          apiKeys: [
            { key: "live-key", status: "active" },
            { key: "old-key", status: "revoked" },
          ],
          users: [
            {
              channelUserId: "919812345678",
              channel: "whatsapp",
              name: "Asha",
              attributes: { email: "asha@example.com", plan: "gold" },
              messages: [
                { id: "m1", timestamp: 1700000000000, sender: "user", text: "hi" },
                { id: "m2", timestamp: 1700000001500, sender: "bot", text: "Hello!" },
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
    expect(loadSeed(store, parseSeed(issueExample))).toEqual({ users: 1, messages: 2 });
    expect(store.findKey("old-key")?.status).toBe("revoked");
  });

  it("loads the same seed twice without duplicating anything", async () => {
    const store = createSqliteStore(await openDatabase(":memory:"));
    loadSeed(store, fixtureSeed());
    expect(loadSeed(store, fixtureSeed()).messages).toBe(0);
    expect(store.stats("10294", "1a1c9bfa5e0f41ed").messages).toEqual({
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
      withUser({ messages: [{ id: "m", timestamp: 1, sender: "robot", text: "" }] }),
      "users[0].messages[0].sender: must be one of user, bot, agent",
    ],
    [
      withUser({ messages: [{ id: "m", timestamp: "yesterday", sender: "user", text: "" }] }),
      "messages[0].timestamp: must be epoch milliseconds",
    ],
    [withUser({ attributes: { stars: 5 } }), "users[0].attributes.stars: must be a string"],
    [withUser({ channel: undefined }), "users[0].channel: is required"],
    [{ customers: {} }, "$.customers: must be an array"],
    [[], "$: must be an object"],
  ])("rejects %j naming the field", (seed, message) => {
    expect(() => parseSeed(seed)).toThrow(message);
  });
});

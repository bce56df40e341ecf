/**
 * The history body's shape: the observed default, and each unconfirmed part switched alone,
 * from the environment and through the admin API. Each switch must change its part and nothing
 * else, byte for byte.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API, ASHA_IDS, ASHA_TIMES, createTestSandbox, fixtureSeed, KEY } from "../test/harness.ts";
import { createSpecValidator } from "../test/spec-validator.ts";
import { type Sandbox, SandboxConfigError, startSandbox } from "./boot.ts";
import {
  DEFAULT_HISTORY_SHAPE,
  type HistoryShape,
  mergeShape,
  ShapeError,
  shapeFromEnv,
} from "./history-shape.ts";

type Body = { conversations: Record<string, unknown>[] };
const newestIds = [...ASHA_IDS].reverse();
const newestTimes = [...ASHA_TIMES].reverse();

/** Each part: its variable, its opposite value, the admin patch, and the body it must give. */
const VARIANTS: [string, string, Partial<HistoryShape>, (d: Body) => unknown][] = [
  ["SANDBOX_LIST_KEY", "messages", { listKey: "messages" }, (d) => ({ messages: d.conversations })],
  [
    "SANDBOX_ORDER",
    "oldest-first",
    { order: "oldest-first" },
    (d) => ({ conversations: [...d.conversations].reverse() }),
  ],
  [
    "SANDBOX_MESSAGE_IDS",
    "on",
    { ids: true },
    (d) => ({ conversations: d.conversations.map((m, i) => ({ id: newestIds[i], ...m })) }),
  ],
  [
    "SANDBOX_PAGE_METADATA",
    "on",
    { pageMetadata: true },
    (d) => ({
      ...d,
      pagination: {
        pageNumber: 1,
        pageSize: 500,
        totalMessages: 7,
        totalPages: 1,
        hasNextPage: false,
      },
    }),
  ],
  [
    "SANDBOX_TIMESTAMPS",
    "number",
    { timestamps: "number" },
    (d) => ({
      conversations: d.conversations.map((m, i) => ({ ...m, timestamp: newestTimes[i] })),
    }),
  ],
];

const ASHA = `${API}/channel-user/919812345678/conversations`;

describe("shapeFromEnv", () => {
  it("gives the observed shape when nothing is set, or set empty", () => {
    expect(shapeFromEnv({})).toEqual(DEFAULT_HISTORY_SHAPE);
    expect(shapeFromEnv({ SANDBOX_ORDER: "" })).toEqual(DEFAULT_HISTORY_SHAPE);
    expect(DEFAULT_HISTORY_SHAPE).toEqual({
      listKey: "conversations",
      order: "newest-first",
      ids: false,
      pageMetadata: false,
      timestamps: "string",
    });
  });

  it.each(VARIANTS)("reads %s=%s", (name, value, patch) => {
    expect(shapeFromEnv({ [name]: value })).toEqual({ ...DEFAULT_HISTORY_SHAPE, ...patch });
  });

  it.each([
    ["SANDBOX_LIST_KEY", "items", "conversations, messages"],
    ["SANDBOX_ORDER", "newest", "newest-first, oldest-first"],
    ["SANDBOX_MESSAGE_IDS", "true", "on, off"],
    ["SANDBOX_PAGE_METADATA", "1", "on, off"],
    ["SANDBOX_TIMESTAMPS", "iso", "string, number"],
  ])("refuses %s=%s naming the variable", (name, value, allowed) => {
    expect(() => shapeFromEnv({ [name]: value })).toThrow(
      new SandboxConfigError(`${name}: "${value}" is not one of ${allowed}`),
    );
  });

  it("stops the sandbox from starting", async () => {
    await expect(
      startSandbox({ SANDBOX_DB: ":memory:", SANDBOX_TIMESTAMPS: "epoch" }),
    ).rejects.toThrow(SandboxConfigError);
  });
});

describe("mergeShape", () => {
  it("replaces only the fields given", () => {
    expect(mergeShape(DEFAULT_HISTORY_SHAPE, {})).toEqual(DEFAULT_HISTORY_SHAPE);
    expect(
      mergeShape(DEFAULT_HISTORY_SHAPE, { pageMetadata: true, order: "oldest-first" }),
    ).toEqual({ ...DEFAULT_HISTORY_SHAPE, pageMetadata: true, order: "oldest-first" });
  });

  it.each([
    [[], "$"],
    [{ ids: "yes" }, "ids"],
    [{ order: 1 }, "order"],
    [{ colour: "red" }, "colour"],
  ])("refuses %j naming the field", (patch, field) => {
    const error = (() => {
      try {
        mergeShape(DEFAULT_HISTORY_SHAPE, patch);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ShapeError);
    expect((error as ShapeError).field).toBe(field);
    expect((error as ShapeError).message.startsWith(`shape.${field}: `)).toBe(true);
  });
});

describe("each part switched alone, from the environment", () => {
  const sandboxes: Sandbox[] = [];
  let seedFile: string;
  let defaultText: string;
  beforeAll(async () => {
    seedFile = join(mkdtempSync(join(tmpdir(), "mybot-shape-")), "seed.json");
    writeFileSync(seedFile, JSON.stringify(fixtureSeed()));
    defaultText = await historyOf({});
  });
  afterAll(() => {
    for (const s of sandboxes.splice(0)) s.close();
  });

  async function historyOf(env: Record<string, string>): Promise<string> {
    const sandbox = await startSandbox({
      SANDBOX_DB: ":memory:",
      SANDBOX_SEED: seedFile,
      SANDBOX_LOG: "off",
      ...env,
    });
    sandboxes.push(sandbox);
    const res = await sandbox.fetch(
      new Request(`http://x${ASHA}`, { headers: { authorization: `Basic ${KEY}` } }),
    );
    expect(res.status).toBe(200);
    const text = await res.text();
    const validator = await createSpecValidator();
    expect(validator.problems("getChatHistory", 200, JSON.parse(text), res.headers)).toEqual([]);
    return text;
  }

  it("serves the observed shape with nothing set", () => {
    const body = JSON.parse(defaultText) as Body;
    expect(Object.keys(body)).toEqual(["conversations"]);
    expect(body.conversations).toHaveLength(7);
    // The newest, T0 + 61 s = 2023-11-14 22:14:21 UTC, in the bot's default offset.
    expect(body.conversations[0]?.timestamp).toBe("2023-11-15 03:44:21.000+0530");
  });

  it.each(VARIANTS)("%s=%s changes that part only", async (name, value, _patch, expected) => {
    const text = await historyOf({ [name]: value });
    expect(text).toBe(JSON.stringify(expected(JSON.parse(defaultText))));
  });
});

describe("each part switched alone, through the admin API", () => {
  it.each(VARIANTS)(
    "%s: PUT /__admin/shape changes that part only",
    async (_, __, patch, expected) => {
      const sandbox = await createTestSandbox();
      const defaultText = await (await sandbox.request(ASHA)).text();
      const put = await sandbox.admin("/shape", "PUT", patch);
      expect(await put.json()).toEqual({ ...DEFAULT_HISTORY_SHAPE, ...patch });
      const text = await (await sandbox.request(ASHA)).text();
      expect(text).toBe(JSON.stringify(expected(JSON.parse(defaultText))));
      // And back: the default again, byte for byte.
      await sandbox.admin("/shape", "PUT", DEFAULT_HISTORY_SHAPE);
      expect(await (await sandbox.request(ASHA)).text()).toBe(defaultText);
    },
  );

  it("switches every part at once", async () => {
    const sandbox = await createTestSandbox();
    await sandbox.admin("/shape", "PUT", {
      listKey: "messages",
      order: "oldest-first",
      ids: true,
      pageMetadata: true,
      timestamps: "number",
    });
    const body = await (await sandbox.request(ASHA)).json();
    expect(body.messages.map((m: { id: string }) => m.id)).toEqual(ASHA_IDS);
    expect(body.messages.map((m: { timestamp: number }) => m.timestamp)).toEqual(ASHA_TIMES);
    expect(body.pagination.totalMessages).toBe(7);
  });
});

/**
 * `mybot history` and `mybot export` against the sandbox's observed shape and each opposite
 * variant: every message written exactly once, oldest first, whatever the server's order and
 * whether or not messages carry ids; an interrupted export resumes to the same bytes.
 */
import { appendFileSync, readFileSync } from "node:fs";
import { createMyBotClient } from "@mybot/core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { exportCohort } from "../src/export.ts";
import { goldExportArgs, outFile } from "./export-harness.ts";
import { runCli } from "./run-cli.ts";
import {
  AGENT_NAME,
  CREDENTIAL,
  FILE_NAME,
  FILE_URL,
  GOLD,
  messageKey,
  type SeededUser,
  startVariant,
  VARIANTS,
  type VariantSandbox,
  ZUBEIDA,
} from "./variant-sandbox.ts";

const parseLines = (text: string) =>
  text
    .trim()
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => JSON.parse(l));

/** The record's first keys are `keys`, in that order. */
function expectLeadingKeys(record: object, keys: string[]) {
  expect(Object.keys(record).slice(0, keys.length)).toEqual(keys);
}

/** Written once each (as a multiset), in chronological order. */
function expectExactlyOnceInOrder(
  written: { timestamp: number; sender: string; raw: { response: string } }[],
  seeded: { timestamp: number; sender: string; response: string }[],
) {
  const keys = written.map((m) => messageKey({ ...m, response: m.raw.response }));
  expect(keys.slice().sort()).toEqual(seeded.map(messageKey).sort());
  const times = written.map((m) => m.timestamp);
  expect(times).toEqual(times.slice().sort((a, b) => a - b));
}

describe.each(VARIANTS)("sandbox shape: $name", (variant) => {
  let running: VariantSandbox;
  beforeAll(async () => {
    running = await startVariant(variant);
  });
  afterAll(() => running.close());
  beforeEach(() => running.sandbox.faults.clear());
  const cli = (argv: string[]) => runCli(argv, { env: running.env });

  describe("mybot history", () => {
    it.each([["5"], ["7"], ["500"]])(
      "writes every message once, oldest first, with --page-size %s",
      async (size) => {
        const { code, stdout, stderr } = await cli([
          "history",
          ZUBEIDA.channelUserId,
          "--format",
          "ndjson",
          "--page-size",
          size,
        ]);
        expect(stderr).toBe("");
        expect(code).toBe(0);
        const records = parseLines(stdout);
        expectExactlyOnceInOrder(records, ZUBEIDA.messages);
        expect(new Set(records.map((r) => r.id)).size).toBe(records.length);
        if (variant.expect.ids === "present")
          expect(records.map((r) => r.id).sort()).toEqual(ZUBEIDA.messages.map((m) => m.id).sort());
        else for (const r of records) expect(r.id).toMatch(/^fp-[0-9a-f]{16}(-\d+)?$/);
      },
    );

    it("writes the normalised message with the vendor's fields under raw", async () => {
      const records = parseLines(
        (await cli(["history", ZUBEIDA.channelUserId, "--format", "ndjson"])).stdout,
      );
      for (const r of records) {
        expectLeadingKeys(r, ["id", "timestamp", "time", "sender", "type", "text"]);
        expect(r.time).toBe(new Date(r.timestamp).toISOString());
        expect(Object.keys(r).at(-1)).toBe("raw");
        expect(r.raw).toMatchObject({ sender: r.sender, message_type: r.type });
      }
      const file = records.find((r) => r.type === "FILE_RECEIVED");
      expect(file).toMatchObject({
        text: FILE_NAME,
        file: { url: FILE_URL, name: FILE_NAME, mimeType: "application/pdf", uploadType: "FILE" },
      });
      expect(records.find((r) => r.type === "OPTIONS")?.options).toEqual(["⭐", "⭐⭐", "⭐⭐⭐"]);
      expect(records.find((r) => r.type === "AGENT_PARTICIPATION_STATUS")?.text).toBe(
        `${AGENT_NAME} joined the conversation`,
      );
      const json = JSON.parse(
        (await cli(["history", ZUBEIDA.channelUserId, "--format", "json", "--page-size", "4"]))
          .stdout,
      );
      expect(json).toEqual(records);
    });

    it("writes CSV and a table that show each kind of message", async () => {
      const csv = (
        await cli(["history", ZUBEIDA.channelUserId, "--format", "csv", "--page-size", "5"])
      ).stdout
        .trim()
        .split("\n");
      expect(csv[0]).toBe("id,timestamp,time,sender,type,text,file_url");
      expect(csv).toHaveLength(ZUBEIDA.messages.length + 1);
      expect(csv.find((l) => l.includes("FILE_RECEIVED"))).toMatch(
        new RegExp(`,\\d+,[\\d-]+T[\\d:.]+Z,user,FILE_RECEIVED,${FILE_NAME},${FILE_URL}$`),
      );
      const table = (await cli(["history", ZUBEIDA.channelUserId, "--page-size", "5"])).stdout;
      const lines = table.trim().split("\n");
      expect(lines).toHaveLength(ZUBEIDA.messages.length);
      expect(lines[0]).toMatch(
        /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}Z {2}user {3}pineapple-xylophone-00/,
      );
      expect(table).toContain(`user   [file] ${FILE_NAME} <${FILE_URL}>`);
      expect(table).toContain(`agent  (${AGENT_NAME} joined the conversation)`);
      expect(table).toContain("bot    [options] ⭐ | ⭐⭐ | ⭐⭐⭐");
    });

    it("says so when the user has no messages", async () => {
      const empty = GOLD[2] as SeededUser;
      expect((await cli(["history", empty.channelUserId])).stdout).toBe("no messages\n");
      expect((await cli(["history", empty.channelUserId, "--format", "json"])).stdout).toBe("[]\n");
    });
  });

  describe("mybot export", () => {
    function expectCohort(path: string) {
      const records = parseLines(readFileSync(path, "utf8"));
      expect(records.filter((r) => r.type === "user").map((r) => r.channelUserId)).toEqual(
        GOLD.map((u) => u.channelUserId),
      );
      for (const user of GOLD) {
        const start = records.findIndex(
          (r) => r.type === "user" && r.channelUserId === user.channelUserId,
        );
        const next = records.findIndex((r, i) => i > start && r.type === "user");
        const mine = records.slice(start + 1, next === -1 ? undefined : next);
        expect(
          mine.every((r) => r.type === "message" && r.channelUserId === user.channelUserId),
        ).toBe(true);
        expectExactlyOnceInOrder(mine, user.messages);
        expect(new Set(mine.map((r) => r.id)).size).toBe(mine.length);
        for (const r of mine) {
          expectLeadingKeys(r, [
            "type",
            "channelUserId",
            "id",
            "timestamp",
            "time",
            "sender",
            "messageType",
          ]);
          expect(r.messageType).toBe(r.raw.message_type);
        }
      }
      return records;
    }

    it("writes every user of the cohort and each of their messages once, oldest first", async () => {
      const out = outFile();
      const { code, stderr } = await cli(goldExportArgs(out, "--page-size", "5"));
      expect(code).toBe(0);
      const messages = GOLD.reduce((n, u) => n + u.messages.length, 0);
      expect(stderr).toBe(`exported ${GOLD.length} users, ${messages} messages to ${out}\n`);
      expectCohort(out);
    });

    it.each([[1], [3], [5], [6]])(
      "resumes after an interruption after page %i to the same bytes, nothing lost or repeated",
      async (failAfter) => {
        const complete = outFile();
        expect(
          (await cli(goldExportArgs(complete, "--page-size", "5", "--since", "30d"))).code,
        ).toBe(0);

        const out = outFile();
        const client = createMyBotClient({ ...CREDENTIAL, baseUrl: running.url, maxRetries: 0 });
        let pages = 0;
        const first = exportCohort(client, {
          attributeName: "plan",
          attributeValue: "gold",
          out,
          pageSize: 5,
          since: Date.now() - 30 * 86_400_000,
          // One user at a time: "after page N" is then the Nth page asked for.
          concurrency: 1,
          onProgress: () => {
            if (++pages === failAfter)
              running.sandbox.faults.set([{ endpoint: "all", type: "status", status: 503 }]);
          },
        });
        await expect(first).rejects.toMatchObject({ name: "MyBotServerError" });
        const checkpoint = JSON.parse(readFileSync(`${out}.checkpoint.json`, "utf8"));
        expect(checkpoint).toMatchObject({ version: 3, pageSize: 5 });
        // A page written but not recorded in the checkpoint, as a crash would leave it.
        appendFileSync(out, `${JSON.stringify({ type: "message", id: "half-written" })}\n`);

        running.sandbox.faults.clear();
        // The same command line, --since 30d included: the checkpoint's window wins, though
        // "30 days ago" is now a later instant.
        const resumed = await cli(goldExportArgs(out, "--since", "30d"));
        expect(resumed.stderr).toMatch(/^resumed and finished 3 users, 30 messages/);
        expect(resumed.code).toBe(0);
        expectCohort(out);
        expect(readFileSync(out, "utf8")).toBe(readFileSync(complete, "utf8"));
      },
    );
  });
});

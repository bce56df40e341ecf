/**
 * The bad input, as `mybot history` meets it: a body with neither list key and a
 * timestamp that cannot be read are typed errors naming what is wrong (exit 6), never a silently
 * empty or misdated history; an unknown message type or sender passes through.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./run-cli.ts";
import { observedPage, type StandIn, startStandIn } from "./stand-in-vendor.ts";

let vendor: StandIn;
beforeAll(async () => {
  vendor = await startStandIn();
});
afterAll(() => vendor.close());

describe("mybot history on bad input", () => {
  it("a body with neither list key: exit 6, naming the keys it saw", async () => {
    vendor.history = () => ({ status: 200, body: { data: [], meta: {} } });
    const { code, stdout, stderr } = await runCli(["history", "1"], { env: vendor.env });
    expect(code).toBe(6);
    expect(stdout).toBe("");
    expect(stderr).toContain("no `conversations` or `messages` array (keys seen: data, meta)");
  });

  it("a timestamp that cannot be read: exit 6, naming the field and the page", async () => {
    vendor.history = (page, size) => {
      const messages = observedPage(page, size);
      if (messages[1]) messages[1].timestamp = "2026-08-01 20:51:14";
      return { status: 200, body: { conversations: messages } };
    };
    const { code, stderr } = await runCli(["history", "1", "--page-size", "5"], {
      env: vendor.env,
    });
    expect(code).toBe(6);
    expect(stderr).toContain("the `timestamp` of message 2 of page 1 cannot be read");
  });

  it("an unknown message type or sender: passed through as sent", async () => {
    vendor.history = (page, size) => {
      const messages = observedPage(page, size);
      if (messages[0])
        Object.assign(messages[0], { sender: "supervisor", message_type: "CAROUSEL" });
      return { status: 200, body: { conversations: messages } };
    };
    const { code, stdout } = await runCli(["history", "1", "--format", "ndjson"], {
      env: vendor.env,
    });
    expect(code).toBe(0);
    const records = stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(records).toHaveLength(12);
    expect(records.at(-1)).toMatchObject({
      sender: "supervisor",
      type: "CAROUSEL",
      text: "message 0",
    });
    const table = (await runCli(["history", "1"], { env: vendor.env })).stdout;
    expect(table.trim().split("\n").at(-1)).toMatch(/ {2}supervisor {2}\[CAROUSEL\] message 0$/);
  });
});

describe("mybot history on a newest-first server whose first two pages tie", () => {
  // Core: when page 1 and page 2 (of size 1 here) show the same instant, the walk assumes
  // oldest-first without reading further, so a newest-first history comes out newest first.
  // Reported to the lead; remove `.skip` once the core keeps looking for the order.
  it("still writes oldest first", async () => {
    vendor.history = (page, size) => {
      const all = [
        { timestamp: "2026-08-01 20:51:14.250+0530", sender: "user", response: "ok" },
        { timestamp: "2026-08-01 20:51:14.250+0530", sender: "user", response: "ok" },
        { timestamp: "2026-08-01 20:51:10.250+0530", sender: "bot", response: "hi" },
      ];
      return { status: 200, body: { conversations: all.slice((page - 1) * size, page * size) } };
    };
    const { stdout } = await runCli(["history", "1", "--format", "ndjson", "--page-size", "1"], {
      env: vendor.env,
    });
    const texts = stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l).text);
    expect(texts).toEqual(["hi", "ok", "ok"]);
  });
});

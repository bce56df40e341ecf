/**
 * `mybot doctor` against the sandbox's observed shape and each opposite variant (it must name
 * each one's shape, and find that the toolkit's reading holds), and against a stand-in server
 * that answers in shapes the toolkit does not read (it must say which part, and exit 7). The
 * redacted sample must hold no key, id, phone number, name or text of the seed.
 */

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createMyBotClient } from "@mybot/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./run-cli.ts";
import { type HistoryAnswer, observedPage, type StandIn, startStandIn } from "./stand-in-vendor.ts";
import {
  AGENT_NAME,
  CREDENTIAL,
  FILE_NAME,
  FILE_URL,
  startVariant,
  USERS,
  VARIANTS,
  type Variant,
  type VariantSandbox,
  ZUBEIDA,
} from "./variant-sandbox.ts";

/** Values the sample may keep: enumeration names, never data. */
const ENUMERATIONS = new Set([
  "user",
  "bot",
  "agent",
  "TEXT",
  "OPTIONS",
  "AGENT_PARTICIPATION_STATUS",
  "FILE_RECEIVED",
  "application/pdf",
  "FILE",
  "whatsapp",
  "web",
  "telegram",
  "INVALID_PAGE_NUMBER",
]);

/** Every string value in a JSON value (keys too with `keys`), numbers as text. */
function strings(value: unknown, keys = false, out = new Set<string>()): Set<string> {
  if (typeof value === "string") out.add(value);
  else if (typeof value === "number") out.add(String(value));
  else if (Array.isArray(value)) for (const v of value) strings(v, keys, out);
  else if (typeof value === "object" && value !== null)
    for (const [k, v] of Object.entries(value)) {
      if (keys) out.add(k);
      strings(v, keys, out);
    }
  return out;
}

/** What must never leave the doctor: the key, ids, names, phones, emails, texts. */
function secretsOfSeed(): string[] {
  const out = [
    CREDENTIAL.apiKey,
    CREDENTIAL.customerId,
    CREDENTIAL.botKey,
    AGENT_NAME,
    FILE_NAME,
    FILE_URL,
    "files.example.org",
    "4711",
  ];
  for (const u of USERS) {
    out.push(
      u.channelUserId,
      ...u.name.split(" "),
      ...Object.values(u.attributes).filter((v) => !["gold", "silver"].includes(v)),
    );
    for (const m of u.messages) {
      out.push(m.response);
      if ("id" in m && m.id) out.push(m.id);
    }
  }
  out.push("pineapple", "quokka", "walrus", "Zubeida", "Quillfeather", "invoice-7731");
  return out;
}

describe.each(VARIANTS)("mybot doctor, sandbox shape: $name", (variant) => {
  let running: VariantSandbox;
  /** Every string value the sandbox sent for Zubeida, as the vendor's raw data. */
  let sent: Set<string>;
  beforeAll(async () => {
    running = await startVariant(variant);
    const client = createMyBotClient({ ...CREDENTIAL, baseUrl: running.url });
    sent = strings((await client.getChatHistory(ZUBEIDA.channelUserId, { pageSize: 1000 })).body);
  });
  afterAll(() => running.close());

  it("names the shape, finds that the toolkit's reading holds, and exits 0", async () => {
    const { code, stdout, stderr, cwd } = await runCli(
      ["doctor", "--user", ZUBEIDA.channelUserId, "--format", "json", "--sample", "shared.json"],
      { env: running.env },
    );
    expect(stderr).toBe("");
    const report = JSON.parse(stdout);
    expect(report.checks.filter((c: { reads: string }) => c.reads !== "yes")).toEqual([]);
    expect(code).toBe(0);
    expect(report).toMatchObject({
      holds: true,
      sample: "shared.json",
      user: { from: "--user" },
      requests: 5,
      history: {
        listKey: variant.expect.listKey,
        order: variant.expect.order,
        ids: variant.expect.ids,
        pageMetadata: variant.expect.pageMetadata,
        timestampFormats: [variant.expect.timestampFormat],
        senders: expect.arrayContaining(["user", "bot", "agent"]),
        messageTypes: expect.arrayContaining([
          "TEXT",
          "OPTIONS",
          "AGENT_PARTICIPATION_STATUS",
          "FILE_RECEIVED",
        ]),
      },
      errorBody: {
        status: 400,
        code: 1004,
        errorName: "INVALID_PAGE_NUMBER",
        kind: "invalid_input",
      },
    });
    const sample = JSON.parse(readFileSync(join(cwd, "shared.json"), "utf8"));
    expect(sample.findings).toMatchObject({
      listKey: variant.expect.listKey,
      order: variant.expect.order,
      ids: variant.expect.ids,
      pageMetadata: variant.expect.pageMetadata,
      timestampFormats: [variant.expect.timestampFormat],
    });
  });

  it("writes a sample with the structure kept and no key, id, phone, name or text", async () => {
    const { code, stdout, cwd } = await runCli(["doctor", "--attribute", "plan=gold"], {
      env: running.env,
    });
    expect(code).toBe(0);
    const text = readFileSync(join(cwd, "mybot-doctor-sample.json"), "utf8");
    const sample = JSON.parse(text);
    for (const secret of secretsOfSeed()) {
      expect(text).not.toContain(secret);
      expect(stdout).not.toContain(secret);
    }
    // Nothing the vendor sent survives but enumeration names and keys.
    // Nothing the vendor sent survives but enumeration names (and small numbers such as 0).
    const leaked = [...strings(sample, true)].filter(
      (s) => sent.has(s) && !ENUMERATIONS.has(s) && !/^\d{1,2}$/.test(s),
    );
    expect(leaked).toEqual([]);
    const history = sample.exchanges.find(
      (e: { endpoint: string; query: { page_size: string } }) =>
        e.endpoint === "history" && e.query.page_size === "50",
    );
    const list = history.body[variant.expect.listKey];
    const file = list.find((m: { message_type: string }) => m.message_type === "FILE_RECEIVED");
    expect(file).toMatchObject({
      sender: "user",
      file: { url: "<url>", mimeType: "application/pdf", uploadType: "FILE" },
      response: "<upload sentence: User uploaded <file name> - [<mime type>]>",
      user_id: "<uuid>",
      timestamp: variant.expect.timestampFormat.startsWith("YYYY")
        ? `<timestamp ${variant.expect.timestampFormat}>`
        : 0,
    });
    if (variant.expect.ids === "present") expect(file.id).toBe("<string>");
    else expect(file).not.toHaveProperty("id");
    expect(
      list.find((m: { message_type: string }) => m.message_type === "AGENT_PARTICIPATION_STATUS")
        .response,
    ).toBe('<json {"agentId":0,"PARTICIPATION_MESSAGE":"<html>"}>');
    expect(stdout).toContain("User: the first of 3 listed with --attribute");
  });
});

describe("mybot doctor, the report in words", () => {
  let running: VariantSandbox;
  beforeAll(async () => {
    running = await startVariant(VARIANTS[0] as Variant);
  });
  afterAll(() => running.close());

  it("says, field by field, what came and whether the toolkit reads it", async () => {
    const { code, stdout } = await runCli(["doctor", "--user", ZUBEIDA.channelUserId], {
      env: running.env,
    });
    expect(code).toBe(0);
    for (const line of [
      "History body: conversations array",
      "list key: `conversations` — read by the toolkit: yes",
      "timestamp: string `YYYY-MM-DD HH:mm:ss.SSS+HHMM` — read by the toolkit: yes",
      "order: newest-first — read by the toolkit: yes",
      "id: absent — read by the toolkit: yes",
      "page metadata: absent — read by the toolkit: yes",
      "paging: page_number=2 of page_size=5 continues page 1, as in one page of 50 — read by the toolkit: yes",
      "past the last page: page_number=100000 is empty — read by the toolkit: yes",
      "error body (page_number=0): 400 {errorCode number, errorMessage string, errorDetails string}; the toolkit read code 1004, name INVALID_PAGE_NUMBER (kind invalid_input) — read by the toolkit: yes",
      "The toolkit's reading holds.",
    ])
      expect(stdout).toContain(line);
    expect(stdout).toMatch(/^ {2}timestamp +string +23\/23 +time \(epoch ms\)$/m);
    expect(stdout).toMatch(/^ {2}user_id +string +23\/23 +kept in raw$/m);
  });

  it.each([
    [["doctor"], "doctor needs a user"],
    [["doctor", "--user", "x", "--format", "csv"], '--format "csv": doctor prints text or json'],
    [["doctor", "extra"], 'unexpected "extra"'],
  ])("%j exits 2 and names the mistake", async (argv, message) => {
    const { code, stderr } = await runCli(argv, { env: running.env });
    expect(code).toBe(2);
    expect(stderr).toContain(`mybot: ${message}`);
  });

  it("fails like the other commands when MyBOT refuses the key, and never prints it", async () => {
    const wrong = "0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d-WRONGKY";
    const { code, stdout, stderr } = await runCli(["doctor", "--user", ZUBEIDA.channelUserId], {
      env: { ...running.env, MYBOT_API_KEY: wrong },
    });
    expect(code).toBe(3);
    expect(stdout + stderr).not.toContain(wrong);
  });
});

describe("mybot doctor, a vendor the toolkit does not read", () => {
  let vendor: StandIn;
  beforeAll(async () => {
    vendor = await startStandIn();
  });
  afterAll(() => vendor.close());
  const pageZero = {
    status: 400,
    body: { code: 1004, description: "Please enter the correct page number." },
  };
  /** The vendor's error for page 0, then the observed pages, each timestamp as `timestamp` writes it. */
  const timestampsAs =
    (timestamp: (ms: number) => unknown): HistoryAnswer =>
    (page, size) =>
      page === 0
        ? pageZero
        : { status: 200, body: { conversations: observedPage(page, size, timestamp) } };
  const doctor = async () => {
    const result = await runCli(["doctor", "--attribute", "a=b", "--format", "json"], {
      env: vendor.env,
    });
    const report = JSON.parse(result.stdout);
    const check = (subject: string) =>
      report.checks.find((c: { subject: string }) => c.subject === subject);
    return { ...result, report, check };
  };

  it("reads Engati's {code, description} error body", async () => {
    vendor.history = timestampsAs((t) =>
      new Date(t).toISOString().replace("T", " ").replace("Z", "+0000"),
    );
    const { code, report, check } = await doctor();
    expect(code).toBe(0);
    expect(report.history.timestampFormats).toEqual(["YYYY-MM-DD HH:mm:ss.SSS+HHMM"]);
    expect(check("error body (page_number=0)")).toMatchObject({ reads: "yes" });
    expect(report.errorBody).toMatchObject({ code: 1004, status: 400 });
  });

  it("an unknown list key: says where the messages were and exits 7", async () => {
    vendor.history = (page, size) =>
      page === 0 ? pageZero : { status: 200, body: { data: { items: observedPage(page, size) } } };
    const { code, report, check, stdout } = await doctor();
    expect(code).toBe(7);
    expect(report.holds).toBe(false);
    expect(report.history).toMatchObject({
      listKey: null,
      listFoundUnder: "data.items",
      messagesSeen: 12,
    });
    expect(check("list key")).toMatchObject({
      reads: "no",
      observed: "none of the known keys; the messages are under `data.items`",
    });
    expect(check("toolkit reading")).toMatchObject({ reads: "no" });
    expect(check("toolkit reading").observed).toContain(
      "no `conversations` or `messages` array (keys seen: data)",
    );
    expect(stdout).not.toContain("message 3");
  });

  it("an unreadable timestamp: names its format and exits 7", async () => {
    vendor.history = timestampsAs((t) => new Date(t).toLocaleString("en-GB", { timeZone: "UTC" }));
    const { code, report, check } = await doctor();
    expect(code).toBe(7);
    expect(report.history.timestampFormats).toEqual(['string like "##/##/####, ##:##:##"']);
    expect(check("timestamp")).toMatchObject({ reads: "no" });
    expect(check("timestamp").note).toContain("cannot be read");
  });

  it("one unreadable timestamp inside a page: the toolkit check says no, and the report is whole", async () => {
    vendor.history = (page, size) => {
      if (page === 0) return pageZero;
      const conversations = observedPage(page, size);
      const middle = conversations[Math.floor(conversations.length / 2)];
      if (middle && conversations.length > 2) middle.timestamp = "2026-08-01 20:51:14"; // no offset
      return { status: 200, body: { conversations } };
    };
    const { code, report, check } = await doctor();
    expect(code).toBe(7);
    expect(report.holds).toBe(false);
    expect(check("toolkit reading")).toMatchObject({ reads: "no" });
    expect(check("toolkit reading").observed).toContain("cannot be read");
  });

  it("timestamps in epoch seconds: says the toolkit refuses them rather than misdate them, exits 7", async () => {
    vendor.history = timestampsAs((t) => Math.floor(t / 1000));
    const { code, report, check } = await doctor();
    expect(code).toBe(7);
    expect(report.history.timestampFormats).toEqual(["number (epoch seconds?)"]);
    expect(check("timestamp").note).toContain("look like seconds");
    expect(check("timestamp").note).toContain("rather than misdate a message");
  });

  it("page_number ignored, no empty page past the end, an unreadable error body: each a no", async () => {
    vendor.history = (page, size) =>
      page === 0
        ? { status: 400, body: { oops: true } }
        : { status: 200, body: { conversations: observedPage(1, size) } };
    const { code, check, stdout } = await doctor();
    expect(code).toBe(7);
    expect(check("paging")).toMatchObject({
      reads: "no",
      observed: "page_number=2 repeats page 1",
    });
    expect(check("past the last page")).toMatchObject({
      reads: "no",
      observed: "page_number=100000 holds 5 messages",
    });
    expect(check("error body (page_number=0)")).toMatchObject({ reads: "no" });
    const text = await runCli(["doctor", "--user", "1"], { env: vendor.env });
    expect(text.code).toBe(7);
    expect(text.stdout).toContain("The toolkit's reading does not hold: 3 checks say no (exit 7).");
    expect(text.stdout).toContain("paging: page_number=2 repeats page 1 — read by the toolkit: no");
    expect(stdout).not.toContain(CREDENTIAL.apiKey);
  });
});

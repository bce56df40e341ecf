import { afterEach, describe, expect, it, vi } from "vitest";
import type { MyBotLogLevel } from "./logging.ts";
import { createLevelledLogger } from "./logging.ts";
import { failure, json, scriptedFetch, TEST_KEY, testClient } from "./test-helpers.ts";

const message = {
  timestamp: "2026-08-01 20:51:14.250+0530",
  sender: "bot",
  response: "Hi",
  message_type: "TEXT",
};

/** A logger that records `level message` lines and the fields of each. */
function recordingLogger() {
  const lines: string[] = [];
  const fields: Record<string, unknown>[] = [];
  const at = (level: string) => (line: string, f?: Record<string, unknown>) => {
    lines.push(`${level} ${line}`);
    fields.push(f ?? {});
  };
  return {
    logger: { error: at("error"), warn: at("warn"), info: at("info"), debug: at("debug") },
    lines,
    fields,
  };
}

/** One 503, then a page, with a logger at `level`. */
async function flakyCall(level: MyBotLogLevel) {
  const { fetch } = scriptedFetch((_, n) =>
    n === 1
      ? json({ errorCode: 503 }, 503, { "x-request-id": "req-1" })
      : json({ conversations: [message] }),
  );
  const recorded = recordingLogger();
  const client = testClient(fetch, { logger: recorded.logger, logLevel: level });
  await client.getChatHistory("919812345678");
  return recorded;
}

describe("logLevel", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("warn (the default) writes one sentence per retry, and nothing else", async () => {
    const { lines, fields } = await flakyCall("warn");
    expect(lines).toEqual([
      expect.stringMatching(
        /^warn mybot: getChatHistory attempt 1 failed \(HTTP 503\); retrying in \d+ ms$/,
      ),
    ]);
    expect(fields[0]).toMatchObject({
      operation: "getChatHistory",
      status: 503,
      requestId: "req-1",
    });
  });

  it("info adds each operation's end; debug adds each attempt, with redacted headers", async () => {
    const info = await flakyCall("info");
    expect(info.lines.map((l) => l.split(" ")[0])).toEqual(["warn", "info"]);
    expect(info.lines[1]).toMatch(
      /^info mybot: getChatHistory done after 2 attempt\(s\) in \d+ ms$/,
    );

    const debug = await flakyCall("debug");
    expect(debug.lines.map((l) => l.split(" ").slice(0, 5).join(" "))).toEqual([
      "debug mybot: getChatHistory attempt 1",
      "debug mybot: getChatHistory attempt 1",
      "warn mybot: getChatHistory attempt 1",
      "debug mybot: getChatHistory attempt 2",
      "debug mybot: getChatHistory attempt 2",
      "info mybot: getChatHistory done after",
    ]);
    expect(debug.fields[0]?.headers).toMatchObject({ authorization: "Basic [redacted]" });
    const everything = JSON.stringify([debug.lines, debug.fields]);
    expect(everything).not.toContain(TEST_KEY);
    // Routes, not URLs: the channel user id (a phone number here) stays out of the log.
    expect(everything).not.toContain("919812345678");
  });

  it("debug lines redact the key in any header that carries it", async () => {
    const { fetch } = scriptedFetch(() => json({ conversations: [message] }));
    const { logger, lines, fields } = recordingLogger();
    const client = testClient(fetch, {
      logger,
      logLevel: "debug",
      middleware: [{ onRequest: ({ request }) => void request.headers.set("x-echo", TEST_KEY) }],
    });
    await client.getChatHistory("u");
    expect(fields[0]?.headers).toMatchObject({ "x-echo": "[redacted]" });
    expect(JSON.stringify([lines, fields])).not.toContain(TEST_KEY);
  });

  it("off and error write nothing for a retried call", async () => {
    expect((await flakyCall("off")).lines).toEqual([]);
    expect((await flakyCall("error")).lines).toEqual([]);
  });

  it("is warn when neither the option nor MYBOT_LOG says otherwise", async () => {
    vi.stubEnv("MYBOT_LOG", "");
    expect(createLevelledLogger(undefined, recordingLogger().logger).level).toBe("warn");
  });

  it("comes from MYBOT_LOG when the option is not set", async () => {
    vi.stubEnv("MYBOT_LOG", "INFO");
    const log = createLevelledLogger(undefined, recordingLogger().logger);
    expect(log.level).toBe("info");
  });

  it("reports an unknown MYBOT_LOG once and keeps warn", async () => {
    vi.stubEnv("MYBOT_LOG", "verbose");
    const { logger, lines } = recordingLogger();
    const log = createLevelledLogger(undefined, logger);
    expect(log.level).toBe("warn");
    expect(lines).toEqual([
      'warn mybot: MYBOT_LOG="verbose" is not one of off, error, warn, info, debug; using warn',
    ]);
  });

  it("the option wins over MYBOT_LOG", async () => {
    vi.stubEnv("MYBOT_LOG", "debug");
    expect(createLevelledLogger("off", recordingLogger().logger).level).toBe("off");
  });

  it("an unknown option value is refused at creation, naming the choices", async () => {
    const { fetch } = scriptedFetch(() => json({ conversations: [] }));
    expect(() => testClient(fetch, { logLevel: "verbose" as MyBotLogLevel })).toThrow(
      "logLevel must be one of off, error, warn, info, debug",
    );
  });

  it("a logger that throws does not fail the call", async () => {
    const { fetch } = scriptedFetch((_, n) =>
      n === 1 ? json({}, 503) : json({ conversations: [message] }),
    );
    const broken = {
      warn: () => {
        throw new Error("disk full");
      },
    };
    const page = await testClient(fetch, { logLevel: "warn", logger: broken }).getChatHistory("u");
    expect(page.messages).toHaveLength(1);
  });

  it("the default logger is the console, one sentence per line", async () => {
    const { fetch } = scriptedFetch((_, n) =>
      n === 1 ? json({}, 503) : json({ conversations: [] }),
    );
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      await testClient(fetch, { logLevel: "warn", logger: undefined }).getChatHistory("u");
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn.mock.calls[0]).toEqual([
        expect.stringMatching(
          /^mybot: getChatHistory attempt 1 failed \(HTTP 503\); retrying in \d+ ms$/,
        ),
      ]);
    } finally {
      warn.mockRestore();
    }
  });

  it("a failure is thrown, not logged, at warn", async () => {
    const { fetch } = scriptedFetch(() => json({ errorCode: 401 }, 401));
    const { logger, lines } = recordingLogger();
    await failure(testClient(fetch, { logLevel: "warn", logger }).getChatHistory("u"));
    expect(lines).toEqual([]);
  });
});

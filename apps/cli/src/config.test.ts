import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEMO_CREDENTIAL } from "@mybot/test-kit";
import { describe, expect, it } from "vitest";
import { checkApiKey, resolveSettings } from "./config.ts";

describe("the API key", () => {
  const base = {
    MYBOT_CUSTOMER_ID: DEMO_CREDENTIAL.customerId,
    MYBOT_BOT_KEY: DEMO_CREDENTIAL.botKey,
  };
  const cwd = mkdtempSync(join(tmpdir(), "mybot-config-"));

  it.each([
    ["CR LF", "secret-key-1234\r\nX-Evil: 1"],
    ["LF", "secret-key-1234\n"],
    ["NUL", "secret-key-1234\u0000"],
    ["DEL", "secret-key-1234\u007f"],
  ])("with %s is refused, naming MYBOT_API_KEY and not the value", (_, key) => {
    let message = "";
    try {
      resolveSettings({}, { ...base, MYBOT_API_KEY: key }, cwd);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe(
      "MYBOT_API_KEY (or --api-key) holds a control character, such as a line break: set it to the key alone",
    );
    expect(() => checkApiKey(key)).toThrow(/MYBOT_API_KEY/);
  });

  it("an ordinary key passes", () => {
    expect(checkApiKey("6f1c0a52-7a43-4d55-9c2e-1b8f3e0d2a71-AbC1234")).toBe(
      "6f1c0a52-7a43-4d55-9c2e-1b8f3e0d2a71-AbC1234",
    );
  });

  it("a base URL that is not http(s) is refused by name, without repeating it", () => {
    expect(() =>
      resolveSettings({}, { ...base, MYBOT_API_KEY: "k", MYBOT_BASE_URL: "ftp://u:pw@x" }, cwd),
    ).toThrow(
      "MYBOT_BASE_URL (or --base-url) is not an http(s) URL: set it like https://api.engati.com",
    );
  });
});

describe("settings from ./.env", () => {
  it("fill what neither a flag nor the environment gives, the stronger winning", () => {
    const cwd = mkdtempSync(join(tmpdir(), "mybot-dotenv-"));
    writeFileSync(
      join(cwd, ".env"),
      "MYBOT_API_KEY=from-file\nexport MYBOT_CUSTOMER_ID = 4711 # a customer\nMYBOT_BOT_KEY='file-bot'\n",
    );
    expect(resolveSettings({ "bot-key": "flag-bot" }, { MYBOT_API_KEY: "from-env" }, cwd)).toEqual({
      baseUrl: "https://api.engati.com",
      apiKey: "from-env",
      customerId: "4711",
      botKey: "flag-bot",
    });
  });

  it("a key in .env with a lone CR is refused by name, not shown", () => {
    const cwd = mkdtempSync(join(tmpdir(), "mybot-dotenv-"));
    writeFileSync(
      join(cwd, ".env"),
      "MYBOT_API_KEY=secret-key-1234\rX\nMYBOT_CUSTOMER_ID=1\nMYBOT_BOT_KEY=b\n",
    );
    expect(() => resolveSettings({}, {}, cwd)).toThrow(/^MYBOT_API_KEY \(or --api-key\) holds/);
  });
});

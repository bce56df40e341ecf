import { describe, expect, it } from "vitest";
import { loadConfig, SlackBotConfigError } from "./config.ts";

const base = {
  MYBOT_API_KEY: "k",
  MYBOT_CUSTOMER_ID: "1",
  MYBOT_BOT_KEY: "b",
};
const TOKEN = "xapp-1-A0MYBOT-4242-secretpart";

describe("Socket Mode settings", () => {
  it("is HTTP mode without SLACK_APP_TOKEN, with Slack's own Web API by default", () => {
    const config = loadConfig({ ...base, SLACK_SIGNING_SECRET: "s" });
    expect(config.appToken).toBeUndefined();
    expect(config.slackApiUrl).toBe("https://slack.com/api/");
  });

  it("needs no signing secret with an app token, keying buttons from the token instead", () => {
    const config = loadConfig({ ...base, SLACK_APP_TOKEN: ` ${TOKEN} ` });
    expect(config.appToken).toBe(TOKEN);
    expect(config.signingSecret).toMatch(/^[0-9a-f]{64}$/);
    expect(config.signingSecret).not.toContain("secretpart");
    // The same token gives the same key, so buttons survive a restart; another token does not.
    expect(loadConfig({ ...base, SLACK_APP_TOKEN: TOKEN }).signingSecret).toBe(
      config.signingSecret,
    );
    expect(loadConfig({ ...base, SLACK_APP_TOKEN: `${TOKEN}x` }).signingSecret).not.toBe(
      config.signingSecret,
    );
    expect(
      loadConfig({ ...base, SLACK_APP_TOKEN: TOKEN, SLACK_SIGNING_SECRET: "given" }).signingSecret,
    ).toBe("given");
  });

  it("still requires the signing secret in HTTP mode", () => {
    expect(() => loadConfig({ ...base, SLACK_APP_TOKEN: " " })).toThrow(
      /^SLACK_SIGNING_SECRET is required/,
    );
  });

  it("refuses a token that is not an app-level token, without echoing it", () => {
    for (const token of ["xoxb-123-secretpart", "secretpart", "xapp-secret part"]) {
      const error = (() => {
        try {
          loadConfig({ ...base, SLACK_APP_TOKEN: token });
        } catch (e) {
          return e as Error;
        }
      })();
      expect(error).toBeInstanceOf(SlackBotConfigError);
      expect(error?.message).toMatch(
        /^SLACK_APP_TOKEN must be an app-level token starting with xapp-/,
      );
      expect(error?.message).not.toContain("secret");
    }
  });

  it("takes SLACK_API_URL with or without its final slash, and refuses anything else", () => {
    const at = (url: string) => loadConfig({ ...base, SLACK_APP_TOKEN: TOKEN, SLACK_API_URL: url });
    expect(at("http://127.0.0.1:9/api").slackApiUrl).toBe("http://127.0.0.1:9/api/");
    expect(at("https://slack.example/api/").slackApiUrl).toBe("https://slack.example/api/");
    for (const bad of ["slack.com/api", "ftp://slack.com/api/", "https://"])
      expect(() => at(bad)).toThrow(/^SLACK_API_URL must be an http\(s\) URL/);
  });
});

import { describe, expect, it } from "vitest";
import { checkSignature, signRequest } from "./signature.ts";

const SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
const BODY = "command=%2Fmybot&text=users+plan%3Dgold";
const NOW = Date.UTC(2024, 0, 31, 12);

describe("Slack request signatures", () => {
  it("accepts a request signed as Slack signs it", async () => {
    expect(
      await checkSignature(SECRET, new Headers(await signRequest(SECRET, BODY, NOW)), BODY, NOW),
    ).toBe("ok");
  });
  it("matches Slack's documented example", async () => {
    // https://api.slack.com/authentication/verifying-requests-from-slack
    const body =
      "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    const headers = new Headers({
      "x-slack-request-timestamp": "1531420618",
      "x-slack-signature": "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503",
    });
    expect(await checkSignature(SECRET, headers, body, 1531420618_000)).toBe("ok");
  });
  it("rejects a forged signature, another secret, and a changed body", async () => {
    const headers = await signRequest(SECRET, BODY, NOW);
    expect(
      await checkSignature(
        SECRET,
        new Headers({ ...headers, "x-slack-signature": `v0=${"0".repeat(64)}` }),
        BODY,
        NOW,
      ),
    ).toBe("invalid");
    expect(await checkSignature("another-secret", new Headers(headers), BODY, NOW)).toBe("invalid");
    expect(await checkSignature(SECRET, new Headers(headers), `${BODY}x`, NOW)).toBe("invalid");
    expect(
      await checkSignature(
        SECRET,
        new Headers({ ...headers, "x-slack-signature": "v1=abc" }),
        BODY,
        NOW,
      ),
    ).toBe("invalid");
  });
  it("rejects expired and future-dated requests, five minutes either way", async () => {
    const old = await signRequest(SECRET, BODY, NOW - 301_000);
    const future = await signRequest(SECRET, BODY, NOW + 301_000);
    const edge = await signRequest(SECRET, BODY, NOW - 299_000);
    expect(await checkSignature(SECRET, new Headers(old), BODY, NOW)).toBe("stale");
    expect(await checkSignature(SECRET, new Headers(future), BODY, NOW)).toBe("stale");
    expect(await checkSignature(SECRET, new Headers(edge), BODY, NOW)).toBe("ok");
  });
  it("rejects missing headers", async () => {
    expect(await checkSignature(SECRET, new Headers(), BODY, NOW)).toBe("missing");
  });
});

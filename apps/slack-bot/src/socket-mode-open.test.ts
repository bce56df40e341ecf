import { describe, expect, it } from "vitest";
import { openConnection, SocketModeFatalError } from "./socket-mode-open.ts";

const TOKEN = "xapp-1-A1-2-secretpart";
const answering =
  (status: number, body: unknown, seen: Request[] = []): typeof fetch =>
  async (input, init) => {
    seen.push(new Request(input, init));
    return new Response(typeof body === "string" ? body : JSON.stringify(body), { status });
  };
const open = (fetcher: typeof fetch) =>
  openConnection({ apiUrl: "http://slack.test/api/", appToken: TOKEN, fetch: fetcher });
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: Error) => e,
  );

describe("openConnection", () => {
  it("posts the app token to apps.connections.open and returns the socket URL", async () => {
    const seen: Request[] = [];
    const url = "wss://wss-primary.slack.com/link/?ticket=abc&app_id=A1";
    expect(await open(answering(200, { ok: true, url }, seen))).toBe(url);
    expect(seen[0]?.method).toBe("POST");
    expect(seen[0]?.url).toBe("http://slack.test/api/apps.connections.open");
    expect(seen[0]?.headers.get("authorization")).toBe(`Bearer ${TOKEN}`);
  });

  it("is fatal, naming SLACK_APP_TOKEN but never its value, when Slack refuses the token", async () => {
    for (const error of ["invalid_auth", "not_authed", "token_revoked"]) {
      const e = await failure(open(answering(200, { ok: false, error })));
      expect(e).toBeInstanceOf(SocketModeFatalError);
      expect(e?.message).toMatch(new RegExp(`^Slack rejected SLACK_APP_TOKEN \\(${error}\\)`));
      expect(e?.message).not.toContain("secretpart");
    }
  });

  it("is fatal for any other refusal, in a sentence", async () => {
    const e = await failure(open(answering(200, { ok: false, error: "app_not_socket_mode" })));
    expect(e).toBeInstanceOf(SocketModeFatalError);
    expect(e?.message).toContain("check that Socket Mode is on");
  });

  it("is worth retrying on a rate limit, Slack's own errors, a 5xx or no network", async () => {
    const cases: (typeof fetch)[] = [
      answering(200, { ok: false, error: "ratelimited" }),
      answering(200, { ok: false, error: "internal_error" }),
      answering(503, "busy"),
      answering(200, "<html>"),
      async () => {
        throw new TypeError("fetch failed");
      },
    ];
    for (const fetcher of cases) {
      const e = await failure(open(fetcher));
      expect(e).toBeInstanceOf(Error);
      expect(e).not.toBeInstanceOf(SocketModeFatalError);
    }
  });

  it("neither trusts a URL that is not a WebSocket nor repeats an odd error text", async () => {
    expect(await failure(open(answering(200, { ok: true, url: "http://x/" })))).toBeInstanceOf(
      Error,
    );
    const e = await failure(open(answering(200, { ok: false, error: "bad\nline <script>" })));
    expect(e?.message).not.toContain("script");
    expect(e?.message).toContain("no reason given");
  });
});

import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createResponder } from "./response-url.ts";

function recordingFetch() {
  const urls: string[] = [];
  const fetch = (async (url: URL | string) => {
    urls.push(String(url));
    return new Response("ok");
  }) as typeof globalThis.fetch;
  return { fetch, urls };
}

describe("posting to response_url", () => {
  it("follows only Slack's hooks host over https, plus configured hosts", async () => {
    const { fetch, urls } = recordingFetch();
    const responder = createResponder({ fetch, extraHosts: ["127.0.0.1:9000"], log: () => {} });
    expect(await responder.post("https://hooks.slack.com/commands/T1/2/abc", {})).toBe("sent");
    expect(await responder.post("http://127.0.0.1:9000/capture", {})).toBe("sent");
    for (const bad of [
      "http://hooks.slack.com/commands/x",
      "https://hooks.slack.com.evil.io/x",
      "https://evil.io/hooks.slack.com",
      "https://127.0.0.1:9001/x",
      "file:///etc/passwd",
      "not a url",
    ]) {
      expect(await responder.post(bad, {})).toBe("host-refused");
    }
    expect(urls).toHaveLength(2);
  });

  it("posts at most 5 times per response_url within 30 minutes", async () => {
    const { fetch, urls } = recordingFetch();
    let now = 0;
    const responder = createResponder({ fetch, now: () => now, log: () => {} });
    const url = "https://hooks.slack.com/commands/T1/2/abc";
    const outcomes = [];
    for (let i = 0; i < 6; i++) outcomes.push(await responder.post(url, {}));
    expect(outcomes).toEqual(["sent", "sent", "sent", "sent", "sent", "rate-limited"]);
    expect(await responder.post("https://hooks.slack.com/commands/T1/2/other", {})).toBe("sent");
    now = 30 * 60_000;
    expect(await responder.post(url, {})).toBe("sent");
    expect(urls).toHaveLength(7);
  });
});

describe("a response_url that redirects", () => {
  const servers: Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
  });
  async function listen(handler: Parameters<typeof createServer>[1]): Promise<string> {
    const server = createServer(handler);
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    return `127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  it.each([302, 307, 308])(
    "is not followed on HTTP %i: the reply never reaches the other host",
    async (status) => {
      const hits: string[] = [];
      const elsewhere = await listen((req, res) => {
        hits.push(`${req.method} ${req.url}`);
        res.end("ok");
      });
      const allowed = await listen((_req, res) => {
        res.writeHead(status, { location: `http://${elsewhere}/stolen` }).end();
      });
      const logs: string[] = [];
      const responder = createResponder({ extraHosts: [allowed], log: (l) => logs.push(l) });
      expect(await responder.post(`http://${allowed}/commands/T1/2/abc`, { text: "history" })).toBe(
        "failed",
      );
      expect(hits).toEqual([]);
      expect(logs.join("\n")).toContain(`redirect (HTTP ${status}), not followed`);
    },
  );
});

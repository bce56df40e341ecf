/**
 * A small local MyBOT look-alike for the runtime conformance runs: scripted answers, a flaky
 * user per id (503 then OK), a rate-limited user (429 with rate-limit headers), a hanging user, and the
 * 401 body for a wrong key.
 *
 * @module
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { botPath } from "@mybot/test-kit";

export const CONFORMANCE_KEY = "0c8f3b2a-1111-4222-8333-944455556666-RUNTIME";

const PREFIX = botPath();

/** Starts the server on a free loopback port. */
export async function startTestServer(): Promise<{ url: string; close(): Promise<void> }> {
  // Each flaky user (`flaky`, `flaky-hooks`, …) fails its first request only.
  const flakySeen = new Set<string>();
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, {
        "content-type": "application/json",
        "x-request-id": `rt-${Date.now()}`,
        ...headers,
      });
      res.end(JSON.stringify(body));
    };
    if (req.headers.authorization !== `Basic ${CONFORMANCE_KEY}`) {
      return send(401, {
        errorCode: 401,
        errorMessage: "UNAUTHORIZED",
        errorDetails: "The API key is missing, invalid or revoked.",
      });
    }
    if (url.pathname === `${PREFIX}/users`) {
      const users = ["919800000001", "919800000002"].map((id) => ({
        channelUserId: id,
        channel: "whatsapp",
        name: null,
        attributes: {
          [url.searchParams.get("attribute_name") ?? ""]:
            url.searchParams.get("attribute_value") ?? "",
        },
      }));
      return send(200, { users, total: users.length });
    }
    const match = new RegExp(`^${PREFIX}/channel-user/([^/]+)/conversations$`).exec(url.pathname);
    if (!match)
      return send(404, {
        errorCode: 404,
        errorMessage: "NOT_FOUND",
        errorDetails: "No such endpoint.",
      });
    const id = decodeURIComponent(match[1] ?? "");
    if (id === "hang") return; // never answers; the client's timeout or signal must end it
    if (id.startsWith("flaky") && !flakySeen.has(id)) {
      flakySeen.add(id);
      return send(
        503,
        { errorCode: 503, errorMessage: "SERVICE_UNAVAILABLE", errorDetails: "try again" },
        { "retry-after": "0" },
      );
    }
    if (id === "limited") {
      return send(
        429,
        { errorCode: 429, errorMessage: "TOO_MANY_REQUESTS", errorDetails: "slow down" },
        {
          "retry-after": "0",
          "x-ratelimit-limit": "60",
          "x-ratelimit-remaining": "0",
          "x-ratelimit-reset": "12",
        },
      );
    }
    // The observed shape (shared/mybot-api/README.md): `conversations`, newest first, string
    // timestamps with an offset, the text in `response`, no ids, no page metadata.
    const pageNumber = Number(url.searchParams.get("page_number") ?? "1");
    const pageSize = Number(url.searchParams.get("page_size") ?? "500");
    const total = 3 * pageSize;
    const count = Math.max(0, Math.min(pageSize, total - (pageNumber - 1) * pageSize));
    const conversations = Array.from({ length: count }, (_, i) => {
      const n = total - 1 - ((pageNumber - 1) * pageSize + i);
      const local = new Date(1_700_000_000_000 + n * 1000 + 330 * 60_000).toISOString();
      return {
        timestamp: `${local.replace("T", " ").slice(0, 23)}+0530`,
        sender: n % 2 ? "bot" : "user",
        response: `hello ${n}`,
        message_type: "TEXT",
        file: null,
        attachments: null,
        user_id: "6f1c0a52-7a43-4d55-9c2e-1b8f3e0d2a71",
      };
    });
    send(200, { conversations });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Provider verification: every pact in contracts/pacts against the sandbox, started on a free
 * port with an in-memory store, provider states set through its admin API. And the proof that
 * this check bites: the same pacts against a deliberately broken copy of the sandbox fail.
 */
import { type Sandbox, serveOnNode, startSandbox } from "@mybot/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pactFiles } from "./pact-files.ts";
import { verifyPacts } from "./verify.ts";

const ADMIN_TOKEN = "pact-admin-token";
let sandbox: Sandbox;
let server: Awaited<ReturnType<typeof serveOnNode>>;

beforeAll(async () => {
  sandbox = await startSandbox({
    SANDBOX_DB: ":memory:",
    SANDBOX_ADMIN_TOKEN: ADMIN_TOKEN,
    SANDBOX_LOG: "off",
  });
  server = await serveOnNode(sandbox, 0);
});
afterAll(async () => {
  await server?.close();
  sandbox?.close();
});

describe("provider verification against the sandbox", () => {
  it("has pacts to verify", () => {
    expect(pactFiles().map((f) => f.split("/").pop())).toContain("mybot-core-mybot-api.json");
  });

  it("verifies every pact", async () => {
    await verifyPacts(server.url, ADMIN_TOKEN, pactFiles());
  });

  it("fails against a copy of the sandbox that breaks an interaction", async () => {
    // The broken copy sends timestamps as epoch milliseconds, not the vendor's string the
    // consumers' pacts ask for: one field of the history responses.
    const broken = await serveOnNode(
      {
        ...sandbox,
        fetch: async (request: Request, env?: unknown) => {
          const response = await sandbox.fetch(request, env);
          if (!new URL(request.url).pathname.endsWith("/conversations") || response.status !== 200)
            return response;
          const body = await response.json();
          for (const message of body.conversations) message.timestamp = Date.parse("2026-01-01");
          return Response.json(body);
        },
      },
      0,
    );
    try {
      await expect(verifyPacts(broken.url, ADMIN_TOKEN, pactFiles())).rejects.toThrow();
    } finally {
      await broken.close();
    }
  });
});

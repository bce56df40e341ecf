/**
 * Provider verification: every pact in contracts/pacts against the sandbox, started on a free
 * port with an in-memory store, provider states set through its admin API. And the proof that
 * this check bites: the same pacts against a deliberately broken copy of the sandbox fail.
 */
import { startTestSandbox, type TestSandbox } from "@mybot/test-kit/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pactFiles } from "./pact-files.ts";
import { verifyPacts } from "./verify.ts";

const ADMIN_TOKEN = "pact-admin-token";
let server: TestSandbox;

beforeAll(async () => {
  server = await startTestSandbox({ adminToken: ADMIN_TOKEN });
});
afterAll(() => server?.close());

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
    const broken = await startTestSandbox({
      adminToken: ADMIN_TOKEN,
      around: (fetch) => async (request, env) => {
        const response = await fetch(request, env);
        if (!new URL(request.url).pathname.endsWith("/conversations") || response.status !== 200)
          return response;
        const body = await response.json();
        for (const message of body.conversations) message.timestamp = Date.parse("2026-01-01");
        return Response.json(body);
      },
    });
    try {
      await expect(verifyPacts(broken.url, ADMIN_TOKEN, pactFiles())).rejects.toThrow();
    } finally {
      await broken.close();
    }
  });
});

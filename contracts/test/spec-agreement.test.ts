/**
 * The three-way check, as bi-directional contract testing does it: every pact must agree with
 * contracts/openapi/mybot.yaml (@pactflow/swagger-mock-validator). With the provider verification
 * beside it, the pacts, the spec and the sandbox agree with each other. The negative cases prove
 * that a pact asking for something the spec lacks fails.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { PREFIX } from "@mybot/test-kit/pact";
import { describe, expect, it } from "vitest";
import { type PactFile, pactFiles, readPact, SPEC_PATH } from "./pact-files.ts";

const validator = fileURLToPath(
  new URL("../node_modules/.bin/swagger-mock-validator", import.meta.url),
);
const run = promisify(execFile);

async function validate(pactPath: string): Promise<{ ok: boolean; output: string }> {
  try {
    const { stdout, stderr } = await run(validator, [SPEC_PATH, pactPath]);
    return { ok: true, output: stdout + stderr };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    return { ok: false, output: `${e.stdout ?? ""}${e.stderr ?? ""}` };
  }
}

function brokenCopy(mutate: (pact: PactFile) => void): string {
  const pact = readPact(pactFiles().find((f) => f.includes("mybot-core")) as string);
  mutate(pact);
  const path = join(mkdtempSync(join(tmpdir(), "mybot-pact-")), "broken.json");
  writeFileSync(path, JSON.stringify(pact));
  return path;
}

describe("every pact agrees with the OpenAPI spec", () => {
  it.each(pactFiles().map((f) => [f.split("/").pop(), f]))("%s", async (_, file) => {
    const { ok, output } = await validate(file as string);
    expect(output).toContain("0 error(s)");
    expect(ok).toBe(true);
  });
});

describe("a pact that asks for what the spec lacks fails", () => {
  it("an endpoint the spec does not have", async () => {
    const path = brokenCopy((pact) => {
      const [first] = pact.interactions;
      if (first) first.request.path = `${PREFIX}/flows`;
    });
    const { ok, output } = await validate(path);
    expect(ok).toBe(false);
    expect(output).toContain("request.path-or-method.unknown");
  });

  it("a response field of another type than the spec's", async () => {
    const path = brokenCopy((pact) => {
      const page = pact.interactions.find(
        (i) => i.description === "a request for a user's chat history",
      );
      if (!page) throw new Error("the pact lost its first-page interaction");
      // A timestamp that is neither the vendor's string nor epoch milliseconds.
      const body = page.response.body?.content as { conversations: { timestamp: unknown }[] };
      (body.conversations[0] as { timestamp: unknown }).timestamp = true;
      delete (page.response as { matchingRules?: unknown }).matchingRules;
    });
    const { ok, output } = await validate(path);
    expect(ok).toBe(false);
    expect(output).toContain("response.body.incompatible");
  });

  it("a status the spec does not document", async () => {
    const path = brokenCopy((pact) => {
      const notFound = pact.interactions.find((i) => i.response.status === 404);
      if (notFound) notFound.response.status = 418;
    });
    const { ok, output } = await validate(path);
    expect(ok).toBe(false);
    expect(output).toContain("response.status.unknown");
  });
});

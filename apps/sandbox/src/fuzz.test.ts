/**
 * Every path and query parameter of both endpoints, fuzzed: the answer is always a documented
 * status with the documented body (checked against the spec by the harness), never a 500.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { API, BOT, CUSTOMER, createTestSandbox } from "../test/harness.ts";

let sandbox: Awaited<ReturnType<typeof createTestSandbox>>;
beforeAll(async () => {
  sandbox = await createTestSandbox();
});

// Strings that look like what people and scripts actually send, plus anything at all.
const value = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.integer().map(String),
  fc.double().map(String),
  fc.constantFrom(
    "",
    " ",
    "0",
    "-1",
    "1e3",
    "9007199254740993",
    "null",
    "%00",
    "../..",
    "1700000000000",
  ),
);
const maybe = fc.option(value, { nil: undefined });
const segment = fc
  .oneof(value, fc.constantFrom(CUSTOMER, BOT, "919812345678")) // "." and ".." are path segments URL parsers collapse, so they never reach these routes.
  .filter((s) => s.length > 0 && s !== "." && s !== "..");

/** The API prefix of any customer and bot, each encoded as one path segment. */
const botPath = (customer: string, bot: string) =>
  `/bot-api/v1.0/customer/${encodeURIComponent(customer)}/bot/${encodeURIComponent(bot)}`;
const RUNS = { numRuns: 300 };

function query(params: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : "";
}

describe("fuzzing the API", () => {
  it("history: any page_number, page_size, start_date and end_date", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({ page_number: maybe, page_size: maybe, start_date: maybe, end_date: maybe }),
        async (params) => {
          const res = await sandbox.request(
            `${API}/channel-user/919812345678/conversations${query(params)}`,
          );
          expect([200, 400]).toContain(res.status);
        },
      ),
      RUNS,
    );
  });

  it("history: any customer, bot and user id", async () => {
    await fc.assert(
      fc.asyncProperty(segment, segment, segment, async (customer, bot, user) => {
        const path = `${botPath(customer, bot)}/channel-user/${encodeURIComponent(user)}/conversations`;
        const res = await sandbox.request(path);
        expect([200, 400, 403]).toContain(res.status);
      }),
      RUNS,
    );
  });

  it("users: any attribute name and value, and any customer and bot", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({ attribute_name: maybe, attribute_value: maybe }),
        segment,
        segment,
        async (params, customer, bot) => {
          const own = await sandbox.request(`${API}/users${query(params)}`);
          expect([200, 400]).toContain(own.status);
          const other = await sandbox.request(`${botPath(customer, bot)}/users${query(params)}`);
          expect([200, 400, 403, 404]).toContain(other.status);
        },
      ),
      RUNS,
    );
  });

  it("any Authorization header", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string(), async (header) => {
        const clean = header.replace(/[\r\n\0]/g, "");
        const res = await sandbox.request(`${API}/users?attribute_name=plan&attribute_value=gold`, {
          key: null,
          headers: { authorization: clean },
        });
        expect(res.status).toBe(401);
      }),
      { numRuns: 200 },
    );
  });
});

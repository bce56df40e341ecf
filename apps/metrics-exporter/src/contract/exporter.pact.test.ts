/**
 * The `mybot-metrics-exporter` pact: a cohort listing as a poll makes it, and the incremental
 * history read from a user's cursor, with the real @mybot/core client.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createMyBotClient } from "@mybot/core";
import {
  ASHA,
  ashaHistorySince,
  authHeader,
  consumerPact,
  jsonHeader as json,
  PACT_CREDENTIAL,
  PREFIX,
} from "@mybot/test-kit/pact";
import { describe, expect, it } from "vitest";
import { newUser } from "../apply.ts";
import { collectUser } from "../collect-user.ts";
import { createCollector } from "../collector.ts";
import { memoryCohort } from "../memory-cohort.ts";
import { openStateStore } from "../open-state-store.ts";

const pact = consumerPact("mybot-metrics-exporter");
const auth = authHeader();
const client = (baseUrl: string) =>
  createMyBotClient({ baseUrl, ...PACT_CREDENTIAL, maxRetries: 0 });

describe("mybot-metrics-exporter", () => {
  it("lists a cohort's users", () =>
    pact
      .addInteraction()
      .given("an active API key")
      .uponReceiving("an exporter poll listing a cohort nobody is in")
      .withRequest("GET", `${PREFIX}/users`, (b) =>
        b.query({ attribute_name: "feedback", attribute_value: "0" }).headers(auth),
      )
      .willRespondWith(200, (b) => b.headers(json).jsonBody({ users: [], total: 0 }))
      .executeTest(async (mock) => {
        const statePath = mkdtempSync(join(tmpdir(), "exporter-pact-"));
        const collector = createCollector(
          {
            cohorts: [{ name: "zero", attributeName: "feedback", attributeValue: "0" }],
            pollIntervalMs: 60_000,
            maxRequestsPerSecond: 5,
            maxStalenessMs: 3_600_000,
            minReadIntervalMs: 30_000,
            concurrency: 1,
            pageSize: 500,
            backfillMs: undefined,
            sessionGapMs: 1_800_000,
            requestTimeoutMs: 5_000,
            statePath,
            shard: 0,
            totalShards: 1,
            port: 0,
            mybot: { baseUrl: mock.url, ...PACT_CREDENTIAL },
          },
          client(mock.url),
          openStateStore(statePath, "state.db", "state.json"),
          () => {},
        );
        await collector.poll();
        expect(collector.status.up).toBe(true);
      }));

  it("reads a user's history from the cursor", () =>
    ashaHistorySince(
      pact,
      "an exporter poll reading a user's messages since the cursor",
      ASHA.start + 1000,
      "bot",
    ).executeTest(async (mock) => {
      // The user was read up to ASHA.start + 1000 before: the read starts there, inclusive.
      const cohort = memoryCohort({
        [ASHA.channelUserId]: {
          ...newUser(),
          cursor: ASHA.start + 1000,
          idsAtCursor: [],
          lastAt: ASHA.start + 1000,
        },
      });
      const applied = await collectUser(
        client(mock.url),
        cohort,
        ASHA.channelUserId,
        { backfillMs: undefined, pageSize: 500, sessionGapMs: 1_800_000 },
        { now: Date.now() },
      );
      expect(applied).toBeGreaterThanOrEqual(0);
      expect(cohort.users.get(ASHA.channelUserId)?.cursor).toBeGreaterThanOrEqual(
        ASHA.start + 1000,
      );
    }));
});

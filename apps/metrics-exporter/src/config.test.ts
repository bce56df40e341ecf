import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ExporterConfigError, loadConfig } from "./config.ts";

const creds = { MYBOT_API_KEY: "k", MYBOT_CUSTOMER_ID: "1", MYBOT_BOT_KEY: "b" };
function withFile(yaml: string, env: Record<string, string> = {}, argv: string[] = []) {
  const path = join(mkdtempSync(join(tmpdir(), "exporter-config-")), "config.yaml");
  writeFileSync(path, yaml);
  return () => loadConfig({ ...creds, MYBOT_EXPORTER_CONFIG: path, ...env }, argv);
}
const base = "cohorts:\n  - name: gold\n    attribute_name: plan\n    attribute_value: gold\n";

describe("exporter configuration", () => {
  it("reads the documented file, with defaults", () => {
    const config = withFile(
      `${base}poll_interval_seconds: 30\nbackfill: 30d\nstate_path: ./.data/exporter-state\n`,
    )();
    expect(config).toMatchObject({
      cohorts: [{ name: "gold", attributeName: "plan", attributeValue: "gold" }],
      pollIntervalMs: 30_000,
      backfillMs: 30 * 86_400_000,
      sessionGapMs: 30 * 60_000,
      requestTimeoutMs: 30_000,
      concurrency: 4,
      pageSize: 500,
      shard: 0,
      totalShards: 1,
    });
    expect(withFile(`${base}backfill: all\n`)().backfillMs).toBeUndefined();
  });

  it("lets the environment and flags override the file", () => {
    const config = withFile(
      `${base}poll_interval_seconds: 30\n`,
      { MYBOT_EXPORTER_POLL_INTERVAL_SECONDS: "5" },
      ["--shard", "1", "--total-shards", "3"],
    )();
    expect(config).toMatchObject({ pollIntervalMs: 5000, shard: 1, totalShards: 3 });
  });

  it.each([
    ["cohorts: []\n", "cohorts: at least one cohort is required"],
    [`${base}pol_interval_seconds: 3\n`, "pol_interval_seconds: unknown setting"],
    [`${base}api_key: secret\n`, "api_key: MyBOT credentials come from the environment only"],
    [
      `${base}poll_interval_seconds: soon\n`,
      'poll_interval_seconds: must be a whole number from 1 to 86400, not "soon"',
    ],
    [
      `${base}backfill: forever\n`,
      'backfill: must be a duration like 30m, 24h or 7d, not "forever"',
    ],
    [`${base}session_gap: 0m\n`, "session_gap: must be a duration"],
    [`${base}backfill: 60000d\n`, "backfill: reaches back before 1970"],
    [`${base}backfill: 9999999w\n`, "backfill: reaches back before 1970"],
    [
      "cohorts:\n  - name: gold\n    attribute_name: plan\n",
      "cohorts[0].attribute_value: is required",
    ],
    [
      "cohorts:\n  - name: has space\n    attribute_name: plan\n    attribute_value: gold\n",
      "cohorts[0].name: use letters",
    ],
    [
      `${base}  - name: gold\n    attribute_name: plan\n    attribute_value: silver\n`,
      'cohorts[1].name: "gold" is used twice',
    ],
    [`${base}shard: 2\ntotal_shards: 2\n`, "shard: must be a whole number from 0 to 1"],
    ["cohorts: [\n", "is not valid YAML"],
  ])("names the bad field in %j", (yaml, message) => {
    expect(withFile(yaml)).toThrow(message);
  });

  it("reads the request budget and the read schedule's bounds, with conservative defaults", () => {
    expect(withFile(base)()).toMatchObject({
      maxRequestsPerSecond: 5,
      maxStalenessMs: 3_600_000,
      minReadIntervalMs: 30_000,
    });
    const config = withFile(
      `${base}max_requests_per_second: 0.5\nmax_staleness: 6h\nmin_read_interval: 2m\n`,
    )();
    expect(config).toMatchObject({
      maxRequestsPerSecond: 0.5,
      maxStalenessMs: 6 * 3_600_000,
      minReadIntervalMs: 120_000,
    });
    const fromEnv = withFile(`${base}max_requests_per_second: 20\n`, {
      MYBOT_EXPORTER_MAX_REQUESTS_PER_SECOND: "2.5",
      MYBOT_EXPORTER_MAX_STALENESS: "30m",
      MYBOT_EXPORTER_MIN_READ_INTERVAL: "15s",
    })();
    expect(fromEnv).toMatchObject({
      maxRequestsPerSecond: 2.5,
      maxStalenessMs: 1_800_000,
      minReadIntervalMs: 15_000,
    });
  });

  it.each([
    [
      "max_requests_per_second: 0",
      "max_requests_per_second: must be a number of requests per second from 0.01 to 1000, such as 5 or 0.5, not 0",
    ],
    ["max_requests_per_second: -1", "max_requests_per_second: must be a number"],
    ["max_requests_per_second: 5000", "max_requests_per_second: must be a number"],
    ['max_requests_per_second: "lots"', 'such as 5 or 0.5, not "lots"'],
    ["max_staleness: 1", 'max_staleness: must be a duration like 30m, 24h or 7d, not "1"'],
    ["max_staleness: 30s", 'max_staleness: must be from 1m to 7d, not "30s"'],
    ["max_staleness: 8d", 'max_staleness: must be from 1m to 7d, not "8d"'],
    [
      "max_staleness: 10m\nmin_read_interval: 6m",
      'min_read_interval: must be at most half of max_staleness ("10m"), not "6m"',
    ],
    ["min_read_interval: 0s", "min_read_interval: must be a duration"],
  ])("names the bad budget setting in %j", (line, message) => {
    expect(withFile(`${base}${line}\n`)).toThrow(message);
  });

  it("names the environment's bad budget", () => {
    expect(withFile(base, { MYBOT_EXPORTER_MAX_REQUESTS_PER_SECOND: "1e3" })).toThrow(
      'max_requests_per_second: must be a number of requests per second from 0.01 to 1000, such as 5 or 0.5, not "1e3"',
    );
  });

  it("names the environment's backfill when it reaches before 1970", () => {
    expect(withFile(base, { MYBOT_EXPORTER_BACKFILL: "60000d" })).toThrow(
      'backfill: reaches back before 1970 ("60000d"); use a shorter duration, or all',
    );
    expect(withFile(`${base}backfill: 19000d\n`)().backfillMs).toBe(19_000 * 86_400_000);
  });

  it("reads PORT as every app does: empty means the default, anything else a port number", () => {
    expect(withFile(base)().port).toBe(9464);
    expect(withFile(base, { PORT: "" })().port).toBe(9464);
    expect(withFile(base, { PORT: "0" })().port).toBe(0);
    expect(withFile(base, { PORT: "8080" })().port).toBe(8080);
    for (const text of ["eighty", "65536", "-1", " 80"])
      expect(withFile(base, { PORT: text })).toThrow(
        new ExporterConfigError(
          `PORT: ${JSON.stringify(text)} is not a port number: give a whole number from 0 to 65535`,
        ),
      );
  });

  it("needs the credentials from the environment", () => {
    const path = join(mkdtempSync(join(tmpdir(), "exporter-config-")), "c.yaml");
    writeFileSync(path, base);
    expect(() => loadConfig({ MYBOT_EXPORTER_CONFIG: path })).toThrow(
      "MYBOT_API_KEY, MYBOT_CUSTOMER_ID, MYBOT_BOT_KEY: must be set in the environment",
    );
  });
});

/**
 * A real Prometheus (Debian's package, installed by .ci/run) scrapes the exporter every second on
 * loopback; its query API must agree with the sandbox's ground truth. promtool checks the
 * exposition and the shipped rules, alerts and scrape configuration, and runs the alerts' unit
 * tests (ops/alerts.test.yml).
 */
import { execFile, execFileSync, spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { freePort, type Service, startService } from "@mybot/test-kit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startExporterProcess, waitFor } from "./exporter-process.ts";
import { COHORTS, startMyBot, writeConfig } from "./harness.ts";

const run = promisify(execFile);
const ops = (file: string) => fileURLToPath(new URL(`../ops/${file}`, import.meta.url));

function which(binary: string): string {
  try {
    return execFileSync("sh", ["-c", `command -v ${binary}`], { encoding: "utf8" }).trim();
  } catch {
    throw new Error(
      `${binary} is not installed: install Debian's prometheus package (.ci/run does)`,
    );
  }
}

let mybot: Awaited<ReturnType<typeof startMyBot>>;
let exporter: Service;
let prometheus: Service;
let prometheusUrl: string;
beforeAll(async () => {
  mybot = await startMyBot();
  exporter = await startExporterProcess(mybot.url, writeConfig().path);
  const dir = mkdtempSync(join(tmpdir(), "mybot-prometheus-"));
  const target = new URL(exporter.url).host;
  writeFileSync(
    join(dir, "prometheus.yml"),
    `global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\nscrape_configs:\n  - job_name: mybot-exporter\n    static_configs:\n      - targets: ["${target}"]\n`,
  );
  const port = await freePort();
  prometheusUrl = `http://127.0.0.1:${port}`;
  prometheus = await startService(
    which("prometheus"),
    [
      `--config.file=${join(dir, "prometheus.yml")}`,
      `--storage.tsdb.path=${join(dir, "data")}`,
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    {},
    /(Server is ready to receive web requests)/,
  );
});
afterAll(async () => {
  await Promise.all([prometheus?.stop(), exporter?.stop()]);
  await mybot?.close();
});

async function query(promql: string): Promise<number | undefined> {
  const res = await fetch(`${prometheusUrl}/api/v1/query?query=${encodeURIComponent(promql)}`);
  const body = (await res.json()) as { data: { result: { value: [number, string] }[] } };
  const value = body.data.result[0]?.value[1];
  return value === undefined ? undefined : Number(value);
}

describe("a real Prometheus scraping the exporter", () => {
  it("sees the sandbox's ground truth: sum(mybot_messages_total) and per-cohort users", async () => {
    let expected = 0;
    for (const cohort of COHORTS) {
      const truth = await mybot.truth(cohort);
      expected += truth.messages.user + truth.messages.bot + truth.messages.agent;
    }
    const total = await waitFor("Prometheus to scrape a complete poll", async () => {
      const value = await query("sum(mybot_messages_total)");
      return value === expected ? value : undefined;
    });
    expect(total).toBe(expected);
    expect(await query('mybot_users{cohort="gold"}')).toBe(
      (await mybot.truth(COHORTS[0] as never)).users,
    );
    expect(await query('up{job="mybot-exporter"}')).toBe(1);
    expect(await query("mybot_up")).toBe(1);
  });

  it("gets an exposition that promtool accepts", async () => {
    const text = await (await fetch(`${exporter.url}/metrics`)).text();
    const check = spawn(which("promtool"), ["check", "metrics"]);
    let output = "";
    check.stdout.on("data", (d) => (output += d));
    check.stderr.on("data", (d) => (output += d));
    check.stdin.end(text);
    const code = await new Promise((r) => check.on("exit", r));
    expect(output).toBe("");
    expect(code).toBe(0);
  });

  it("ships rules, alerts and a scrape configuration that promtool accepts", async () => {
    const { stdout } = await run(which("promtool"), ["check", "config", ops("prometheus.yml")]);
    expect(stdout).toMatch(/SUCCESS: \S*prometheus\.yml is valid prometheus config file syntax/);
    const rules = await run(which("promtool"), [
      "check",
      "rules",
      ops("rules.yml"),
      ops("alerts.yml"),
    ]);
    expect(rules.stdout).toMatch(/SUCCESS: 9 rules found[\s\S]*SUCCESS: 9 rules found/);
  });

  it("ships alerts that fire as their promtool unit tests say", async () => {
    // promtool exits non-zero, and execFile rejects with its report, when a case fails.
    const { stdout } = await run(which("promtool"), ["test", "rules", ops("alerts.test.yml")]);
    expect(stdout).toMatch(/alerts\.test\.yml\s+SUCCESS/);
  });

  it("keeps answering with the last values and mybot_up 0 while the sandbox is down", async () => {
    mybot.sandbox.faults.set([{ endpoint: "all", type: "reset" }]);
    try {
      await waitFor("mybot_up to drop to 0", async () =>
        (await query("mybot_up")) === 0 ? true : undefined,
      );
      expect(await query('up{job="mybot-exporter"}')).toBe(1);
      expect(await query("sum(mybot_messages_total)")).toBeGreaterThan(0);
    } finally {
      mybot.sandbox.faults.clear();
    }
    await waitFor("mybot_up to recover", async () =>
      (await query("mybot_up")) === 1 ? true : undefined,
    );
  });
});

it("the Grafana dashboard is valid JSON whose every query names an exporter metric", async () => {
  const { readFileSync } = await import("node:fs");
  const dashboard = JSON.parse(readFileSync(ops("grafana-dashboard.json"), "utf8"));
  const exprs = dashboard.panels.flatMap((p: { targets: { expr: string }[] }) =>
    p.targets.map((t) => t.expr),
  );
  expect(exprs.length).toBeGreaterThanOrEqual(8);
  for (const expr of exprs) expect(expr).toMatch(/mybot_/);
});

/**
 * The sharding manifests in ops/ (README, "Sharding"): the StatefulSet parses, derives each
 * pod's shard from its ordinal, tells every pod the same total as its replicas, and divides the
 * budget so that the shards together stay within the vendor's allowance; the exporter accepts
 * what both the StatefulSet and the systemd template give it; systemd accepts the template.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { loadConfig } from "../src/config.ts";
import { CREDS } from "./harness.ts";

const ops = (file: string) => fileURLToPath(new URL(`../ops/${file}`, import.meta.url));
/** The allowance the StatefulSet's comment divides: 10 requests a second on the key. */
const ALLOWANCE = 10;

const statefulSet = () => {
  const docs = parseAllDocuments(readFileSync(ops("statefulset.yaml"), "utf8"));
  for (const d of docs) expect(d.errors).toEqual([]);
  const set = docs.map((d) => d.toJS()).find((d) => d.kind === "StatefulSet");
  const container = set.spec.template.spec.containers[0];
  const env = Object.fromEntries(
    container.env.map((e: { name: string; value: string }) => [e.name, e.value]),
  );
  return { set, container, env };
};

const exampleConfig = ops("exporter.example.yaml");

describe("the StatefulSet", () => {
  it("makes pod i shard i of replicas, and divides the budget among them", () => {
    const { set, container, env } = statefulSet();
    expect(set.spec.podManagementPolicy).toBe("Parallel");
    expect(Number(env.MYBOT_EXPORTER_TOTAL_SHARDS)).toBe(set.spec.replicas);
    expect(
      Number(env.MYBOT_EXPORTER_MAX_REQUESTS_PER_SECOND) * set.spec.replicas,
    ).toBeLessThanOrEqual(ALLOWANCE);
    expect(container.readinessProbe.httpGet.path).toBe("/readyz");
    // The shell the container runs, with `echo` for node: the shard it would pass.
    const script = (container.args[0] as string).replace(/^exec node .* --shard /, "echo ");
    for (const ordinal of [0, 2, 12]) {
      const shard = execFileSync("sh", ["-c", script], {
        env: { HOSTNAME: `mybot-exporter-${ordinal}` },
        encoding: "utf8",
      }).trim();
      expect(shard).toBe(String(ordinal));
    }
    const config = loadConfig({ ...CREDS, ...env, MYBOT_EXPORTER_CONFIG: exampleConfig }, [
      "--shard",
      String(set.spec.replicas - 1),
    ]);
    expect(config).toMatchObject({ shard: 2, totalShards: 3, maxRequestsPerSecond: 3 });
  });
});

describe("the systemd template", () => {
  const unit = readFileSync(ops("mybot-exporter@.service"), "utf8");

  it("runs instance i as shard i, on the shared environment's total and budget", () => {
    expect(unit).toMatch(/^ExecStart=.* --shard %i$/m);
    expect(unit).toMatch(/^EnvironmentFile=\/etc\/mybot\/exporter-shard-%i\.env$/m);
    // The directives, not the comments: the total and budget come from the shared file.
    const directives = unit
      .split("\n")
      .filter((line) => /^[A-Z]\w*=/.test(line))
      .map((line) => line.trim());
    expect(directives).toContain("EnvironmentFile=/etc/mybot/exporter.env");
    expect(directives).toContain("Environment=MYBOT_EXPORTER_STATE_PATH=/var/lib/mybot-exporter");
    // The state path is the directory systemd makes the unit's own; a refusal is not restarted.
    expect(directives).toContain("StateDirectory=mybot-exporter");
    expect(directives).toContain("RestartPreventExitStatus=2");
    expect(directives.some((d) => d.includes("TOTAL_SHARDS"))).toBe(false);
  });

  it("is a unit systemd accepts, where systemd-analyze is installed", (context) => {
    let analyze: string;
    try {
      analyze = execFileSync("sh", ["-c", "command -v systemd-analyze"], {
        encoding: "utf8",
      }).trim();
    } catch {
      return context.skip();
    }
    const dir = mkdtempSync(join(tmpdir(), "mybot-unit-"));
    copyFileSync(ops("mybot-exporter@.service"), join(dir, "mybot-exporter@.service"));
    // It exits 0 even for a line it ignores, so its report is what counts.
    const run = spawnSync(analyze, ["verify", "--man=no", "./mybot-exporter@0.service"], {
      cwd: dir,
      encoding: "utf8",
    });
    expect(`${run.stdout}${run.stderr}`).toBe("");
    expect(run.status).toBe(0);
  });
});

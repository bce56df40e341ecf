/**
 * Test pieces: the sandbox with an admin token (its stats are the ground truth), the history
 * shapes it can serve, a config file, and helpers to read an exposition.
 *
 * @module
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { HistoryShape, SeedMessage } from "@mybot/sandbox";
import { botPath, mybotEnv } from "@mybot/test-kit";
import { startTestSandbox } from "@mybot/test-kit/sandbox";

export const ADMIN = "exporter-admin";
export const CREDS = mybotEnv();
export const COHORTS = [
  { name: "gold", attribute_name: "plan", attribute_value: "gold" },
  { name: "whatsapp", attribute_name: "channel", attribute_value: "whatsapp" },
];

export async function startMyBot(db = ":memory:") {
  const mybot = await startTestSandbox({ adminToken: ADMIN, env: { SANDBOX_DB: db } });
  /** Messages by sender for a cohort, straight from the sandbox's store. */
  const truth = async (cohort: (typeof COHORTS)[number]) =>
    (await mybot.admin.stats({
      name: cohort.attribute_name,
      value: cohort.attribute_value,
    })) as {
      users: number;
      messages: Record<"user" | "bot" | "agent", number> & Record<string, number>;
    };
  /** Switches the history body's shape (admin `PUT /__admin/shape`); it stays until switched back. */
  const setShape = async (shape: Partial<HistoryShape>) => {
    await mybot.admin.setShape(shape);
  };
  /** The channel user ids of a cohort, as MyBOT lists them. */
  const cohortUsers = async (cohort: (typeof COHORTS)[number]): Promise<string[]> => {
    const res = await fetch(
      `${mybot.url}${botPath()}/users?attribute_name=${cohort.attribute_name}&attribute_value=${cohort.attribute_value}`,
      { headers: { authorization: `Basic ${CREDS.MYBOT_API_KEY}` } },
    );
    return ((await res.json()) as { users: { channelUserId: string }[] }).users.map(
      (u) => u.channelUserId,
    );
  };
  /** Adds messages to a user's history (seed format: `response`, epoch ms `timestamp`). */
  const append = async (channelUserId: string, messages: SeedMessage[]) => {
    const added = await mybot.admin.appendMessages(channelUserId, messages);
    if (added !== messages.length)
      throw new Error(`appending to ${channelUserId}: ${added} of ${messages.length} added`);
  };
  return { ...mybot, truth, setShape, cohortUsers, append };
}

export function writeConfig(settings: Record<string, unknown> = {}): {
  path: string;
  statePath: string;
} {
  const dir = mkdtempSync(join(tmpdir(), "mybot-exporter-"));
  const statePath = join(dir, "state");
  const lines = ["cohorts:"];
  for (const c of COHORTS)
    lines.push(
      `  - name: ${c.name}`,
      `    attribute_name: ${c.attribute_name}`,
      `    attribute_value: ${c.attribute_value}`,
    );
  for (const [k, v] of Object.entries({
    backfill: "all",
    state_path: statePath,
    poll_interval_seconds: 1,
    // The tests' sandbox is local: a budget that never holds a test back (the budget's own
    // tests run on a fake clock), and a small min_read_interval so that the exporters they
    // start read new messages within seconds.
    max_requests_per_second: 1000,
    min_read_interval: "1s",
    ...settings,
  }))
    lines.push(`${k}: ${v}`);
  const path = join(dir, "config.yaml");
  writeFileSync(path, `${lines.join("\n")}\n`);
  return { path, statePath };
}

/** The value of one sample in a Prometheus text exposition. */
export function sample(
  text: string,
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  for (const line of text.split("\n")) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const [series, value] = [
      line.slice(0, line.lastIndexOf(" ")),
      line.slice(line.lastIndexOf(" ") + 1),
    ];
    if (Object.entries(labels).every(([k, v]) => series.includes(`${k}="${v}"`)))
      return Number(value);
  }
  return undefined;
}

export function sumOf(text: string, name: string, labels: Record<string, string> = {}): number {
  let total = 0;
  for (const line of text.split("\n")) {
    if (!line.startsWith(`${name}{`)) continue;
    const series = line.slice(0, line.lastIndexOf(" "));
    if (Object.entries(labels).every(([k, v]) => series.includes(`${k}="${v}"`)))
      total += Number(line.slice(line.lastIndexOf(" ") + 1));
  }
  return total;
}

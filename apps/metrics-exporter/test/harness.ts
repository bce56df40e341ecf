/**
 * Test pieces: the sandbox with an admin token (its stats are the ground truth), the history
 * shapes it can serve, a config file, and helpers to read an exposition.
 *
 * @module
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  DEMO_CREDENTIAL,
  type HistoryShape,
  type SeedMessage,
  serveOnNode,
  startSandbox,
} from "@mybot/sandbox";

export const ADMIN = "exporter-admin";
export const CREDS = {
  MYBOT_API_KEY: DEMO_CREDENTIAL.apiKey,
  MYBOT_CUSTOMER_ID: DEMO_CREDENTIAL.customerId,
  MYBOT_BOT_KEY: DEMO_CREDENTIAL.botKey,
};
export const COHORTS = [
  { name: "gold", attribute_name: "plan", attribute_value: "gold" },
  { name: "whatsapp", attribute_name: "channel", attribute_value: "whatsapp" },
];

export async function startMyBot(db = ":memory:") {
  const sandbox = await startSandbox({
    SANDBOX_DB: db,
    SANDBOX_LOG: "off",
    SANDBOX_ADMIN_TOKEN: ADMIN,
  });
  const server = await serveOnNode(sandbox, 0);
  const admin = async (path: string, method = "GET", body?: unknown) => {
    const res = await fetch(`${server.url}/__admin${path}`, {
      method,
      headers: { authorization: `Bearer ${ADMIN}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return res.json();
  };
  /** Messages by sender for a cohort, straight from the sandbox's store. */
  const truth = async (cohort: (typeof COHORTS)[number]) =>
    (await admin(
      `/customers/10294/bots/1a1c9bfa5e0f41ed/stats?attribute_name=${cohort.attribute_name}&attribute_value=${cohort.attribute_value}`,
    )) as {
      users: number;
      messages: Record<"user" | "bot" | "agent", number> & Record<string, number>;
    };
  /** Switches the history body's shape (admin `PUT /__admin/shape`); it stays until switched back. */
  const setShape = async (shape: Partial<HistoryShape>) => {
    const res = await fetch(`${server.url}/__admin/shape`, {
      method: "PUT",
      headers: { authorization: `Bearer ${ADMIN}`, "content-type": "application/json" },
      body: JSON.stringify(shape),
    });
    if (!res.ok) throw new Error(`PUT /__admin/shape: ${res.status} ${await res.text()}`);
  };
  /** The channel user ids of a cohort, as MyBOT lists them. */
  const cohortUsers = async (cohort: (typeof COHORTS)[number]): Promise<string[]> => {
    const res = await fetch(
      `${server.url}/bot-api/v1.0/customer/10294/bot/1a1c9bfa5e0f41ed/users?attribute_name=${cohort.attribute_name}&attribute_value=${cohort.attribute_value}`,
      { headers: { authorization: `Basic ${CREDS.MYBOT_API_KEY}` } },
    );
    return ((await res.json()) as { users: { channelUserId: string }[] }).users.map(
      (u) => u.channelUserId,
    );
  };
  /** Adds messages to a user's history (seed format: `response`, epoch ms `timestamp`). */
  const append = async (channelUserId: string, messages: SeedMessage[]) => {
    const added = (await admin(
      `/customers/10294/bots/1a1c9bfa5e0f41ed/users/${encodeURIComponent(channelUserId)}/messages`,
      "POST",
      { messages },
    )) as { added?: number; error?: string };
    if (added.added !== messages.length)
      throw new Error(`appending to ${channelUserId}: ${JSON.stringify(added)}`);
  };
  return {
    sandbox,
    url: server.url,
    admin,
    truth,
    setShape,
    cohortUsers,
    append,
    close: async () => {
      await server.close();
      sandbox.close();
    },
  };
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

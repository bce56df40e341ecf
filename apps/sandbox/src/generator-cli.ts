/**
 * `pnpm --filter @mybot/sandbox seed:generate --users N --messages-per-user M --seed S [--out file] [--end now|ISO|ms] [--api-key K]`
 * writes a seed document (to stdout without --out).
 */
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { DEMO_CREDENTIAL } from "./demo.ts";
import { DEFAULT_END_TIME, generateSeed } from "./generator.ts";

const usage =
  "usage: seed:generate --users N --messages-per-user M --seed S [--out file.json] [--end now|<ISO date>|<epoch ms>] [--api-key KEY]";

function fail(message: string): never {
  console.error(`seed:generate: ${message}\n${usage}`);
  process.exit(2);
}

function whole(name: string, value: string | undefined, min: number): number {
  if (value === undefined) fail(`--${name} is required`);
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < min)
    fail(`--${name} must be a whole number of at least ${min}, not "${value}"`);
  return n;
}

function endTime(value: string | undefined): number {
  if (value === undefined) return DEFAULT_END_TIME;
  if (value === "now") return Date.now();
  const t = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (Number.isNaN(t))
    fail(`--end must be "now", an ISO date or epoch milliseconds, not "${value}"`);
  return t;
}

let values: Record<string, string | undefined>;
try {
  ({ values } = parseArgs({
    args: process.argv.slice(2).filter((a) => a !== "--"),
    options: {
      users: { type: "string" },
      "messages-per-user": { type: "string" },
      seed: { type: "string" },
      out: { type: "string" },
      end: { type: "string" },
      "api-key": { type: "string" },
    },
  }) as { values: Record<string, string | undefined> });
} catch (error) {
  fail((error as Error).message);
}

const seed = generateSeed(
  {
    users: whole("users", values.users, 1),
    messagesPerUser: whole("messages-per-user", values["messages-per-user"], 1),
    seed: whole("seed", values.seed, 0),
    endTime: endTime(values.end),
  },
  values["api-key"] ?? DEMO_CREDENTIAL.apiKey,
);
const json = JSON.stringify(seed);
if (values.out) {
  writeFileSync(values.out, json);
  const users = seed.customers[0]?.bots[0]?.users ?? [];
  const messages = users.reduce((n, u) => n + (u.messages?.length ?? 0), 0);
  console.error(`wrote ${values.out}: ${users.length} users, ${messages} messages`);
} else process.stdout.write(`${json}\n`);

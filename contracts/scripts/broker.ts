/**
 * Pact Broker steps, run only when PACT_BROKER_BASE_URL is set:
 *
 *   pnpm --filter @mybot/contracts pact:publish        publishes every pact in contracts/pacts
 *   pnpm --filter @mybot/contracts pact:can-i-deploy   asks whether each consumer version can go to PACT_TO_ENVIRONMENT
 *
 * Auth: PACT_BROKER_TOKEN (bearer) or PACT_BROKER_USERNAME and PACT_BROKER_PASSWORD. The version
 * is PACT_CONSUMER_VERSION, else the git commit; the branch is PACT_CONSUMER_BRANCH, else git's.
 * Uses the broker's HTTP API (`POST /contracts/publish`, `GET /can-i-deploy`).
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { pactFiles, readPact } from "../test/pact-files.ts";

const command = process.argv[2];
const base = process.env.PACT_BROKER_BASE_URL?.replace(/\/+$/, "");
if (command !== "publish" && command !== "can-i-deploy") {
  console.error("usage: broker.ts publish|can-i-deploy");
  process.exit(2);
}
if (!base) {
  console.log(`pact broker ${command} skipped: PACT_BROKER_BASE_URL is not set`);
  process.exit(0);
}

const git = (...args: string[]) => {
  try {
    return execFileSync("git", args, {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
  } catch {
    return "";
  }
};
const version = process.env.PACT_CONSUMER_VERSION || git("rev-parse", "--short", "HEAD");
const branch = process.env.PACT_CONSUMER_BRANCH || git("rev-parse", "--abbrev-ref", "HEAD");
if (!version) {
  console.error("pact broker: set PACT_CONSUMER_VERSION (no git commit to use)");
  process.exit(2);
}
const headers: Record<string, string> = {
  "content-type": "application/json",
  accept: "application/hal+json, application/json",
};
if (process.env.PACT_BROKER_TOKEN)
  headers.authorization = `Bearer ${process.env.PACT_BROKER_TOKEN}`;
else if (process.env.PACT_BROKER_USERNAME) {
  headers.authorization = `Basic ${btoa(`${process.env.PACT_BROKER_USERNAME}:${process.env.PACT_BROKER_PASSWORD ?? ""}`)}`;
}

let failures = 0;
for (const file of pactFiles()) {
  const pact = readPact(file);
  const consumer = pact.consumer.name;
  if (command === "publish") {
    const res = await fetch(`${base}/contracts/publish`, {
      method: "POST",
      headers,
      body: JSON.stringify({
        pacticipantName: consumer,
        pacticipantVersionNumber: version,
        branch,
        contracts: [
          {
            consumerName: consumer,
            providerName: pact.provider.name,
            specification: "pact",
            contentType: "application/json",
            content: Buffer.from(readFileSync(file)).toString("base64"),
          },
        ],
      }),
    });
    console.log(
      `${res.ok ? "published" : "could not publish"} ${consumer} ${version}${res.ok ? "" : ` (HTTP ${res.status})`}`,
    );
    if (!res.ok) failures++;
  } else {
    const to = process.env.PACT_TO_ENVIRONMENT || "production";
    const query = new URLSearchParams({ pacticipant: consumer, version, environment: to });
    const res = await fetch(`${base}/can-i-deploy?${query}`, { headers });
    const body = (await res.json().catch(() => ({}))) as {
      summary?: { deployable?: boolean; reason?: string };
    };
    const deployable = res.ok && body.summary?.deployable === true;
    console.log(
      `${consumer} ${version} to ${to}: ${deployable ? "deployable" : "NOT deployable"}${body.summary?.reason ? ` (${body.summary.reason})` : ""}`,
    );
    if (!deployable) failures++;
  }
}
process.exit(failures ? 1 : 0);

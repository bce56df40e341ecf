/**
 * `pnpm bench` for the sandbox. A benchmark, not a test: it prints figures and never fails on them.
 *
 * 1. History endpoint, 500-message pages, 10k users and about 1M messages, concurrency 16
 *    (autocannon): the sandbox's p99 (goal <= 15 ms), and its throughput as a ratio to Prism
 *    (@stoplight/prism-cli) serving the same spec with a 500-message example, in the same run
 *    (goal >= 2.0).
 * 2. Users by attribute at 100k users: p99 (goal <= 5 ms).
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startService } from "@mybot/test-kit";
import autocannon from "autocannon";
import { bulkLoad } from "../src/bulk-load.ts";
import { DEMO_CREDENTIAL } from "../src/demo.ts";

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 16;
const dir = mkdtempSync(join(tmpdir(), "mybot-sandbox-bench-"));
const { customerId, botKey, apiKey } = DEMO_CREDENTIAL;
const prefix = `/bot-api/v1.0/customer/${customerId}/bot/${botKey}`;
const headers = { authorization: `Basic ${apiKey}` };
const startSandbox = (db: string) =>
  startService(
    process.execPath,
    ["--import", "tsx", here("../src/main.node.ts")],
    { SANDBOX_DB: db, SANDBOX_LOG: "off", PORT: "0" },
    /listening on (http:\/\/\S+)/,
    { cwd: here("..") },
  );

async function load(url: string, paths: string[]) {
  let i = 0;
  // A short unmeasured run first, so that both servers are measured warm (JIT, caches).
  await autocannon({
    url,
    connections: CONNECTIONS,
    duration: 2,
    headers,
    requests: [{ setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length] as string }) }],
  });
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: DURATION,
    headers,
    requests: [{ setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length] as string }) }],
  });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { p50: result.latency.p50, p99: result.latency.p99, rps: result.requests.average };
}

console.log(
  `sandbox benchmark: ${DURATION}s per load, ${CONNECTIONS} connections, ${process.version}`,
);

// 1. History, sandbox against Prism.
let t = Date.now();
const historyDb = join(dir, "history.db");
const big = await bulkLoad(historyDb, 10_000, 100);
console.log(
  `  built 10,000 users / ${big.messages.toLocaleString("en")} messages in ${((Date.now() - t) / 1000).toFixed(1)}s; ${big.heavyUsers.length} users with >= 500 messages`,
);
const historyServer = await startSandbox(historyDb);
const sandboxUrl = historyServer.url;
const historyPaths = big.heavyUsers.map(
  (id) => `${prefix}/channel-user/${id}/conversations?page_size=500`,
);
const sandbox = await load(sandboxUrl, historyPaths);
console.log(`  measured the sandbox's history endpoint`);

// Prism serves the same document, with a 500-message example in the observed shape first
// (Prism answers with the first example). JSON is YAML's flow style, so it splices in as is.
const spec = readFileSync(here("../../../contracts/openapi/mybot.yaml"), "utf8");
const grown = {
  conversations: Array.from({ length: 500 }, (_, i) => ({
    timestamp: `2026-08-01 20:${String(Math.floor(i / 60) % 60).padStart(2, "0")}:${String(i % 60).padStart(2, "0")}.250+0530`,
    sender: i % 2 ? "bot" : "user",
    response: `Message number ${i}, with a realistic length of text in it.`,
    message_type: "TEXT",
    file: null,
    attachments: null,
    user_id: "6f1c0a52-7a43-4d55-9c2e-1b8f3e0d2a71",
  })),
};
const prismSpec = spec.replace(
  /( {14}examples:\n)( {16}observed:\n)/,
  `$1                bench:\n                  value: ${JSON.stringify(grown)}\n$2`,
);
if (prismSpec === spec) throw new Error("could not add the 500-message example for Prism");
writeFileSync(join(dir, "prism.yaml"), prismSpec);
const prismService = await startService(
  here("../node_modules/.bin/prism"),
  ["mock", join(dir, "prism.yaml"), "--port", "4099", "--host", "127.0.0.1", "--errors", "false"],
  {},
  /(http:\/\/127\.0\.0\.1:4099)/,
);
const prismUrl = prismService.url;
const prismPage = await (await fetch(`${prismUrl}${historyPaths[0]}`, { headers })).json();
if (prismPage.conversations?.length !== 500)
  throw new Error(`Prism serves ${prismPage.conversations?.length} messages, not 500`);
console.log("  Prism started");
const prism = await load(prismUrl, historyPaths);
console.log("  measured Prism");
await Promise.all([historyServer.stop(), prismService.stop()]);

// 2. Users by attribute at 100k users.
t = Date.now();
const usersDb = join(dir, "users.db");
const many = await bulkLoad(usersDb, 100_000, 1);
console.log(`  built 100,000 users in ${((Date.now() - t) / 1000).toFixed(1)}s`);
const usersServer = await startSandbox(usersDb);
const usersUrl = usersServer.url;
const users = await load(
  usersUrl,
  many.emails.map(
    (e) => `${prefix}/users?attribute_name=email&attribute_value=${encodeURIComponent(e)}`,
  ),
);
await usersServer.stop();

console.log(
  `  history, 500-message pages   sandbox p50 ${sandbox.p50} ms, p99 ${sandbox.p99} ms (goal <= 15 ms), ${sandbox.rps.toFixed(0)} req/s`,
);
console.log(
  `  history, same spec on Prism  p50 ${prism.p50} ms, p99 ${prism.p99} ms, ${prism.rps.toFixed(0)} req/s`,
);
console.log(
  `  throughput sandbox / Prism   ${(sandbox.rps / prism.rps).toFixed(2)}   (goal >= 2.0)`,
);
console.log(
  `  users by email, 100k users   p50 ${users.p50} ms, p99 ${users.p99} ms (goal <= 5 ms), ${users.rps.toFixed(0)} req/s`,
);
process.exit(0);

/**
 * Per-request CPU of the client against a plain `fetch` + `JSON.parse`, for small pages (the
 * export's case: 2 messages a user). Run: `tsx bench/overhead.ts [raw|client|both] [N]`.
 */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { createMyBotClient } from "../src/index.ts";

const mode = process.argv[2] ?? "both";
const N = Number(process.argv[3] ?? 5000);
const KEY = "bench-key-0000";
const server = spawn(process.execPath, [new URL("./page-server.mjs", import.meta.url).pathname], {
  stdio: ["ignore", "pipe", "inherit"],
});
const port = await new Promise<string>((resolve) =>
  createInterface({ input: server.stdout }).once("line", resolve),
);
const baseUrl = `http://127.0.0.1:${port}`;
const client = createMyBotClient({ baseUrl, apiKey: KEY, customerId: "10294", botKey: "1a1c9bfa5e0f41ed" });
const USER = "oldest-2";
const url = `${baseUrl}/bot-api/v1.0/customer/10294/bot/1a1c9bfa5e0f41ed/channel-user/${USER}/conversations?page_number=1&page_size=500`;
const headers = { Authorization: `Basic ${KEY}`, Accept: "application/json" };
const raw = async () => (await fetch(url, { headers })).json();
const viaClient = () => client.getChatHistory(USER, { pageNumber: 1, pageSize: 500 });
async function run(fn: () => Promise<unknown>, n: number) {
  const cpu = process.cpuUsage();
  const t = performance.now();
  for (let i = 0; i < n; i++) await fn();
  const wall = performance.now() - t;
  const used = process.cpuUsage(cpu);
  return { wallUs: (wall * 1000) / n, cpuUs: (used.user + used.system) / n };
}
for (let i = 0; i < 500; i++) {
  await raw();
  await viaClient();
}
const f = (x: { wallUs: number; cpuUs: number }) => `${x.wallUs.toFixed(0)} µs wall, ${x.cpuUs.toFixed(0)} µs cpu`;
if (mode === "both") {
  const r: Record<string, { wallUs: number; cpuUs: number }[]> = { raw: [], client: [] };
  for (let k = 0; k < 6; k++) {
    r.raw?.push(await run(raw, N / 6));
    r.client?.push(await run(viaClient, N / 6));
  }
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
  for (const [name, xs] of Object.entries(r))
    console.log(`${name.padEnd(7)} ${med(xs.map((x) => x.wallUs)).toFixed(0)} µs wall, ${med(xs.map((x) => x.cpuUs)).toFixed(0)} µs cpu per request`);
} else {
  console.log(mode, f(await run(mode === "raw" ? raw : viaClient, N)));
}
server.kill();

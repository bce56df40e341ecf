/**
 * `pnpm bench` for @mybot/core. Prints, from one run against a local server that answers in the
 * vendor's observed shape (bench/page-server.mjs):
 * - the median time of getChatHistory for a 500-message page divided by that of a raw
 *   fetch + JSON.parse of the same URL (goal <= 1.05, no hooks); the same call then reading every
 *   field of every message (the messages are mapped on first read); the call with every hook set
 *   and OpenTelemetry tracing on; and openapi-fetch's own ratio, for reference;
 * - reading 1,000,000 messages oldest first from a newest-first server without page metadata:
 *   the peak RSS growth (goal < 64 MB) and the requests against the pages (goal: pages plus a
 *   logarithmic number of probes), the walk's time per page, and the share of it the page guard
 *   (page-guard.ts: a fingerprint of every page, against lying servers) takes;
 * - the requests for the newest 20 messages of a 100,000-message history, per server kind
 *   (goal <= 3 for newest first or with page metadata; otherwise logarithmic).
 * A benchmark, not a test: it reports figures and never fails on them.
 */
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  InMemorySpanExporter,
} from "@opentelemetry/sdk-trace-base";
import createClient from "openapi-fetch";
import type { paths } from "../src/generated/openapi.d.ts";
import { type ChatMessage, createMyBotClient } from "../src/index.ts";
import { openTelemetry } from "../src/opentelemetry.ts";
import { pageFingerprint } from "../src/page-guard.ts";
import { PlainRequest, plainFetch } from "../src/plain-request.ts";
import { startPageServer } from "./page-server-client.ts";

const MESSAGES = 1_000_000;
const PAGES = MESSAGES / 500;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 1500);

const server = await startPageServer();
const { baseUrl, credentials, headers, requestsSince } = server;
const client = createMyBotClient(credentials);
const spans = new InMemorySpanExporter();
const tracer = new BasicTracerProvider({
  // Batched, as in production; spans.reset() below keeps the in-memory exporter small.
  spanProcessors: [new BatchSpanProcessor(spans)],
}).getTracer("bench");
let events = 0;
const count = () => {
  events++;
};
const hooked = createMyBotClient({
  ...credentials,
  hooks: { onRequest: count, onResponse: count, onRetry: count, onError: count },
});
const watched = createMyBotClient({
  ...credentials,
  hooks: { onRequest: count, onResponse: count, onRetry: count, onError: count },
  tracing: openTelemetry({ tracer }),
});
const USER = `newest-${MESSAGES}`;
const url = `${server.historyUrl(USER)}?page_number=1`;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
async function time(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}
const raw = async () => JSON.parse(await (await fetch(url, { headers })).text());
const viaClient = () => client.getChatHistory(USER, { pageNumber: 1 });
// What a reader pays in all: every field of every message, fingerprints included.
const readEverything = (messages: ChatMessage[]) => {
  let n = 0;
  for (const m of messages) {
    n += m.id.length + m.timestamp + m.sender.length + m.type.length + m.text.length;
    n += (m.options?.length ?? 0) + (m.file ? 1 : 0);
  }
  return n;
};
const viaClientRead = async () =>
  readEverything((await client.getChatHistory(USER, { pageNumber: 1 })).messages);
const viaHooked = () => hooked.getChatHistory(USER, { pageNumber: 1 });
const viaWatched = async () => {
  const page = await watched.getChatHistory(USER, { pageNumber: 1 });
  spans.reset();
  return page;
};
// For reference: openapi-fetch alone, as the client configures it but with no timeout signal,
// no retries, no checks and no mapping: the floor the client is built on.
const bare = createClient<paths>({
  baseUrl,
  headers,
  Request: PlainRequest as unknown as typeof Request,
  fetch: plainFetch(() => fetch),
});
const viaOpenapiFetch = () =>
  bare.GET(
    "/bot-api/v1.0/customer/{customerId}/bot/{botKey}/channel-user/{channelUserId}/conversations",
    {
      params: {
        path: {
          customerId: credentials.customerId,
          botKey: credentials.botKey,
          channelUserId: USER,
        },
        query: { page_number: 1 },
      },
    },
  );

// The same, with what any per-attempt timeout costs: a fresh AbortController and timer per call.
const viaOpenapiFetchWithSignal = async () => {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 30_000);
  try {
    return await bare.GET(
      "/bot-api/v1.0/customer/{customerId}/bot/{botKey}/channel-user/{channelUserId}/conversations",
      {
        params: {
          path: {
            customerId: credentials.customerId,
            botKey: credentials.botKey,
            channelUserId: USER,
          },
          query: { page_number: 1 },
        },
        signal: controller.signal,
      },
    );
  } finally {
    clearTimeout(timer);
  }
};

const contenders = {
  raw,
  client: viaClient,
  clientRead: viaClientRead,
  hooked: viaHooked,
  watched: viaWatched,
  openapiFetch: viaOpenapiFetch,
  openapiFetchSignal: viaOpenapiFetchWithSignal,
};
type Contender = keyof typeof contenders;

/**
 * Median times of `names` against `raw`, interleaved in alternating order so that drift in the
 * machine's load hits every side alike. Each group runs apart: the garbage of a heavy side (a
 * page mapped, spans exported) would otherwise be collected during a light side's timing.
 */
async function measure(names: Contender[]): Promise<Record<string, number>> {
  const group: Contender[] = ["raw", ...names];
  const times = group.map(() => [] as number[]);
  for (let i = 0; i < 50; i++) for (const name of group) await contenders[name]();
  for (let i = 0; i < ROUNDS; i++) {
    const order = i % 2 ? group.keys() : [...group.keys()].reverse();
    for (const k of order) times[k]?.push(await time(contenders[group[k] as Contender]));
  }
  const rawMedian = median(times[0] as number[]);
  return Object.fromEntries(
    group.map((name, k) => [name, median(times[k] as number[]) / rawMedian]),
  );
}
const ratios: Record<string, number> = {
  ...(await measure(["client", "openapiFetch", "openapiFetchSignal"])),
  ...(await measure(["clientRead"])),
  ...(await measure(["hooked"])),
  ...(await measure(["watched"])),
};
if (events !== 4 * (ROUNDS + 50)) throw new Error(`hooks saw ${events} events`);
const ratioOf = (name: Contender) => ratios[name] as number;

await requestsSince();

globalThis.gc?.();
const before = process.memoryUsage().rss;
let peak = before;
let messages = 0;
let outOfOrder = 0;
let previous = Number.NEGATIVE_INFINITY;
const walkStarted = performance.now();
for await (const page of client.iterateChatHistory(USER).pages()) {
  for (const m of page.messages) {
    if (m.timestamp < previous) outOfOrder++;
    previous = m.timestamp;
  }
  messages += page.messages.length;
  peak = Math.max(peak, process.memoryUsage().rss);
}
const walkMs = performance.now() - walkStarted;
const walkRequests = await requestsSince();

// The guard's cost: one fingerprint per page read, of a page already mapped by the walk.
const guarded = await client.getChatHistory(USER, { pageNumber: 1 });
guarded.messages;
const guardRuns: number[] = [];
for (let i = 0; i < 2000; i++) {
  const t = performance.now();
  pageFingerprint(guarded);
  guardRuns.push(performance.now() - t);
}
const guardMs = median(guardRuns);
const pageMs = walkMs / walkRequests;

const latest: string[] = [];
for (const kind of ["newest", "oldest+meta", "oldest"]) {
  // A fresh client each time, so that no order learnt before helps.
  const fresh = createMyBotClient(credentials);
  const read = await fresh.getLatestMessages(`${kind}-100000`, { count: 20 });
  const served = await requestsSince();
  const right = read.messages[19]?.text.startsWith("Message number 99999 ") ? "right" : "WRONG";
  latest.push(`${kind.padEnd(12)} ${served} requests (${right} messages)`);
}
server.stop();

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
console.log(
  `@mybot/core benchmark (${process.version}, ${ROUNDS} rounds, 500-message pages, observed shape)`,
);
console.log(
  `  ratio client/raw              ${ratioOf("client").toFixed(3)}   (goal <= 1.05, no hooks)`,
);
console.log(
  `  ratio reading every field     ${ratioOf("clientRead").toFixed(3)}   (the call, then every field of every message)`,
);
console.log(
  `  ratio with hooks              ${ratioOf("hooked").toFixed(3)}   (onRequest, onResponse, onRetry, onError set)`,
);
console.log(
  `  ratio with hooks and tracing  ${ratioOf("watched").toFixed(3)}   (4 hooks, OpenTelemetry SDK, batch processor, in-memory exporter)`,
);
console.log(
  `  for reference: openapi-fetch alone/raw ${ratioOf("openapiFetch").toFixed(3)} (no timeout signal, checks or mapping)`,
);
console.log(
  `  for reference: openapi-fetch with a per-attempt timeout signal/raw ${ratioOf("openapiFetchSignal").toFixed(3)} (the floor of a client that can time out an attempt)`,
);
console.log(
  `  iterateChatHistory, newest-first server: ${messages} messages oldest first (${outOfOrder} out of order)`,
);
console.log(
  `  requests                      ${walkRequests} for ${PAGES} pages: ${walkRequests - PAGES} probes (goal: logarithmic, 2*log2(${PAGES}) = ${Math.ceil(2 * Math.log2(PAGES))})`,
);
console.log(
  `  walk time per page            ${pageMs.toFixed(2)} ms; page guard ${(guardMs * 1000).toFixed(0)} µs of it (${((100 * guardMs) / pageMs).toFixed(1)} %)`,
);
console.log(
  `  peak RSS growth               ${mb(peak - before)} MB   (goal < 64 MB; before ${mb(before)} MB, peak ${mb(peak)} MB)`,
);
console.log(
  "  newest 20 of 100,000 messages (goal <= 3 newest-first or with metadata, else logarithmic):",
);
for (const line of latest) console.log(`    ${line}`);

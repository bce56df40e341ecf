// A child-process server for the benchmark, so that its allocations do not count in the
// client's RSS. It serves histories in the vendor's observed shape (shared/mybot-api/README.md):
// `conversations`, string timestamps with an offset, `response`, `message_type`, no ids.
// The channel user id picks the history: `<order>-<messages>`, such as `newest-1000000`
// (newest first, no page metadata), `oldest-100000` or `oldest+meta-100000`.
// `GET /__requests` answers the number of history requests since the last such call.
// PAGE_SERVER_LATENCY_MS delays every history answer by that much, as a distant link would.
import { createServer } from "node:http";

const LATENCY_MS = Number(process.env.PAGE_SERVER_LATENCY_MS ?? 0);

const START = Date.UTC(2026, 0, 1);
const cache = new Map();
let requests = 0;

function timestamp(ms) {
  const local = new Date(ms + 330 * 60_000).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 23)}+0530`;
}

function body(user, pageNumber, pageSize) {
  const key = `${user}/${pageNumber}/${pageSize}`;
  if (cache.has(key)) return cache.get(key);
  const [, order, meta, total] = /^(newest|oldest)(\+meta)?-(\d+)$/.exec(user) ?? [
    undefined,
    "newest",
    "",
    "1000000",
  ];
  const count = Number(total);
  const conversations = [];
  for (let i = 0; i < pageSize; i++) {
    const rank = (pageNumber - 1) * pageSize + i;
    if (rank >= count) break;
    const n = order === "newest" ? count - 1 - rank : rank;
    conversations.push({
      timestamp: timestamp(START + n * 1500),
      sender: n % 3 === 0 ? "user" : n % 3 === 1 ? "bot" : "agent",
      response: `Message number ${n} of this conversation, with a realistic length of text in it.`,
      message_type: "TEXT",
      file: null,
      attachments: null,
      user_id: "6f1c0a52-7a43-4d55-9c2e-1b8f3e0d2a71",
    });
  }
  const payload = { conversations };
  if (meta) {
    payload.pagination = {
      pageNumber,
      pageSize,
      totalMessages: count,
      totalPages: Math.ceil(count / pageSize),
      hasNextPage: pageNumber * pageSize < count,
    };
  }
  const json = JSON.stringify(payload);
  if (cache.size < 8) cache.set(key, json);
  return json;
}

const server = createServer((req, res) => {
  const url = new URL(req.url, "http://x");
  if (url.pathname === "/__requests") {
    res.end(String(requests));
    requests = 0;
    return;
  }
  requests++;
  const user = decodeURIComponent(url.pathname.split("/")[8] ?? "");
  const pageNumber = Number(url.searchParams.get("page_number") ?? "1");
  const pageSize = Number(url.searchParams.get("page_size") ?? "500");
  const answer = () => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(body(user, pageNumber, pageSize));
  };
  if (LATENCY_MS > 0) setTimeout(answer, LATENCY_MS);
  else answer();
});
server.listen(0, "127.0.0.1", () => console.log(String(server.address().port)));

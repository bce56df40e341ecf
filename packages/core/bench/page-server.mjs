// A child-process server for the benchmark, so that its allocations do not count in the
// client's RSS. Serves `pages` pages of 500 messages for any channel user.
import { createServer } from "node:http";

const pages = Number(process.argv[2] ?? "2000");
const pageSize = 500;
const cache = new Map();
function body(pageNumber) {
  if (cache.has(pageNumber)) return cache.get(pageNumber);
  const messages = Array.from({ length: pageNumber <= pages ? pageSize : 0 }, (_, i) => ({
    id: `m${(pageNumber - 1) * pageSize + i}`,
    timestamp: 1_700_000_000_000 + (pageNumber - 1) * pageSize + i,
    sender: i % 3 === 0 ? "user" : i % 3 === 1 ? "bot" : "agent",
    text: `Message number ${i} of page ${pageNumber}, with a realistic length of text in it.`,
  }));
  const json = JSON.stringify({
    channelUserId: "919812345678",
    messages,
    pagination: {
      pageNumber,
      pageSize,
      totalMessages: pages * pageSize,
      totalPages: pages,
      hasNextPage: pageNumber < pages,
    },
  });
  if (cache.size < 4) cache.set(pageNumber, json);
  return json;
}
const server = createServer((req, res) => {
  const n = Number(new URL(req.url, "http://x").searchParams.get("page_number") ?? "1");
  res.writeHead(200, { "content-type": "application/json" });
  res.end(body(n));
});
server.listen(0, "127.0.0.1", () => console.log(String(server.address().port)));

/**
 * The client's GET when no openapi-fetch middleware is set: the URL, the `fetch(url, init)` call
 * and the reading of the answer exactly as openapi-fetch 0.17 does them (its `coreFetch` with the
 * client's plain Request stand-in), without its per-call work: the path template parsed by a
 * regular expression, the headers merged into a new `Headers` three times over, the options
 * spread and destructured. On a small page that work was a fifth of the client's CPU per request
 * (see bench/overhead.ts). `direct-get.test.ts` holds both paths to the same requests and results.
 *
 * @module
 */
import type { PlainRequest } from "./plain-request.ts";
import type { AttemptOutcome } from "./request.ts";

/**
 * Encodes path segments and joins the query as openapi-fetch's default serializers would for
 * the client's scalars: `name=encodeURIComponent(value)`, undefined and null left out.
 *
 * @example
 * ```ts
 * queryString({ page_number: 2, start_date: undefined }); // "page_number=2"
 * ```
 */
export function queryString(query: Record<string, unknown>): string {
  let out = "";
  for (const name in query) {
    const value = query[name];
    if (value === undefined || value === null) continue;
    out += `${out ? "&" : ""}${name}=${encodeURIComponent(String(value))}`;
  }
  return out;
}

/**
 * Sends a GET as openapi-fetch would, through `send` (the client's fetch, or it wrapped for an
 * observer), and reads its answer the same way: no body for a 204 or a `Content-Length: 0`, JSON
 * for a success (a `SyntaxError` for a body that is not), and the text of a failure, as JSON when
 * it parses.
 *
 * @example
 * ```ts
 * const { data, response } = await directGet(plainFetch(() => fetch), url, headers, signal);
 * ```
 */
export async function directGet(
  send: (request: PlainRequest) => Promise<Response>,
  url: string,
  baseHeaders: Readonly<Record<string, string>>,
  signal: AbortSignal,
): Promise<AttemptOutcome<unknown>> {
  // A fresh Headers per call, as openapi-fetch hands its fetch: a fetch that edits it must not
  // change the next request.
  const headers = new Headers(baseHeaders);
  const init: RequestInit = { redirect: "follow", method: "GET", signal, body: undefined, headers };
  const response = await send({ url, method: "GET", headers, init });
  const contentLength = response.headers.get("Content-Length");
  if (
    response.status === 204 ||
    (contentLength === "0" && !response.headers.get("Transfer-Encoding")?.includes("chunked"))
  ) {
    return response.ok ? { data: undefined, response } : { error: undefined, response };
  }
  if (response.ok) {
    if (contentLength) return { data: await response.json(), response };
    const raw = await response.text();
    return { data: raw ? JSON.parse(raw) : undefined, response };
  }
  let error: unknown = await response.text();
  try {
    error = JSON.parse(error as string);
  } catch {}
  return { error, response };
}

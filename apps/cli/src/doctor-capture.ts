/**
 * What `mybot doctor` heard: a fetch that keeps a copy of every response body beside the one the
 * client reads. The doctor needs the bodies exactly as sent, including those the client refuses
 * (an unknown list key, an unreadable timestamp), since those are the cases it must explain.
 * Only the URL's query and the body are kept: never the request headers, which hold the API key.
 *
 * @module
 */

/** Which endpoint an exchange was with. */
export type Endpoint = "users" | "history" | "other";

/** One response as received. */
export interface Exchange {
  endpoint: Endpoint;
  /** The query parameters sent. */
  query: Record<string, string>;
  status: number;
  /** The parsed JSON body; the text when it is not JSON (`json: false`). */
  body: unknown;
  json: boolean;
}

function endpointOf(path: string): Endpoint {
  if (path.endsWith("/users")) return "users";
  if (path.endsWith("/conversations")) return "history";
  return "other";
}

/**
 * A fetch over `base` that records each exchange in `exchanges`, in order.
 *
 * @example
 * ```ts
 * const capture = captureFetch(() => globalThis.fetch);
 * const client = createMyBotClient({ ...settings, fetch: capture.fetch });
 * await client.getChatHistory("919812345678");
 * capture.exchanges[0]?.body; // the history body as sent
 * ```
 */
export function captureFetch(base: () => typeof fetch): {
  fetch: typeof fetch;
  exchanges: Exchange[];
} {
  const exchanges: Exchange[] = [];
  const capturing = async (input: RequestInfo | URL, init?: RequestInit) => {
    const response = await base()(input, init);
    const url = new URL(input instanceof Request ? input.url : String(input));
    const text = await response.clone().text();
    let body: unknown = text;
    let json = false;
    try {
      body = JSON.parse(text);
      json = true;
    } catch {
      // Kept as text: a body that is not JSON is itself a finding.
    }
    exchanges.push({
      endpoint: endpointOf(url.pathname),
      query: Object.fromEntries(url.searchParams),
      status: response.status,
      body,
      json,
    });
    return response;
  };
  return { fetch: capturing as typeof fetch, exchanges };
}

/**
 * The exporter's own view of the MyBOT API: requests by endpoint and status, and their duration,
 * recorded by wrapping the fetch that @mybot/core uses (so every retry counts).
 *
 * @module
 */

/** Upper bounds (seconds) of the request duration histogram. */
export const DURATION_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** Plain records, not maps: they are saved in the state file with the other counters. */
export interface ApiStats {
  /** Requests by `endpoint\u0000status`. */
  requests: Record<string, number>;
  durations: Record<string, { buckets: number[]; sum: number; count: number }>;
}

export function createApiStats(): ApiStats {
  return { requests: {}, durations: {} };
}

function endpointOf(url: string): string {
  const path = new URL(url).pathname;
  return path.endsWith("/conversations") ? "history" : path.endsWith("/users") ? "users" : "other";
}

/**
 * @example
 * ```ts
 * createMyBotClient({ ...settings, fetch: measuredFetch(stats) });
 * ```
 */
export function measuredFetch(stats: ApiStats, inner: typeof fetch = fetch): typeof fetch {
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : String(input);
    const endpoint = endpointOf(url);
    const started = performance.now();
    let status = "error";
    try {
      const response = await inner(input, init);
      status = String(response.status);
      return response;
    } finally {
      const key = `${endpoint}\u0000${status}`;
      stats.requests[key] = (stats.requests[key] ?? 0) + 1;
      const seconds = (performance.now() - started) / 1000;
      const d = stats.durations[endpoint] ?? {
        buckets: DURATION_BUCKETS.map(() => 0),
        sum: 0,
        count: 0,
      };
      const i = DURATION_BUCKETS.findIndex((b) => seconds <= b);
      if (i >= 0) d.buckets[i] = (d.buckets[i] ?? 0) + 1;
      d.sum += seconds;
      d.count++;
      stats.durations[endpoint] = d;
    }
  }) as typeof fetch;
}

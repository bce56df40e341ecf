/**
 * Posting results to a slash command's `response_url`: only to Slack's own hooks host (plus any
 * hosts in `SLACK_RESPONSE_URL_HOSTS`), so a forged payload cannot make the app send chat
 * history elsewhere (redirects are not followed, for the same reason); and at most 5 posts per URL
 * within 30 minutes, Slack's own limit.
 *
 * @module
 */

export const SLACK_HOOKS_HOST = "hooks.slack.com";
export const MAX_POSTS = 5;
export const WINDOW_MS = 30 * 60_000;

export type PostOutcome = "sent" | "host-refused" | "rate-limited" | "failed";

export interface Responder {
  post(responseUrl: string, body: unknown): Promise<PostOutcome>;
}

/**
 * @example
 * ```ts
 * const responder = createResponder({ extraHosts: ["127.0.0.1:9999"] });
 * await responder.post(payload.response_url, reply);
 * ```
 */
export function createResponder(options: {
  extraHosts?: string[];
  fetch?: typeof fetch;
  now?: () => number;
  log?: (line: string) => void;
}): Responder {
  const extra = new Set(options.extraHosts ?? []);
  const now = options.now ?? Date.now;
  const posts = new Map<string, number[]>();

  function allowed(url: URL): boolean {
    if (url.protocol === "https:" && url.host === SLACK_HOOKS_HOST) return true;
    return (url.protocol === "https:" || url.protocol === "http:") && extra.has(url.host);
  }

  return {
    async post(responseUrl, body) {
      let url: URL;
      try {
        url = new URL(responseUrl);
      } catch {
        return "host-refused";
      }
      if (!allowed(url)) {
        options.log?.(`response_url refused: host ${url.host} is not allowed`);
        return "host-refused";
      }
      const t = now();
      const recent = (posts.get(responseUrl) ?? []).filter((at) => t - at < WINDOW_MS);
      if (recent.length >= MAX_POSTS) {
        options.log?.("response_url refused: 5 posts in 30 minutes already");
        return "rate-limited";
      }
      recent.push(t);
      posts.set(responseUrl, recent);
      if (posts.size > 10_000) {
        for (const [key, times] of posts)
          if (times.every((at) => t - at >= WINDOW_MS)) posts.delete(key);
      }
      try {
        const res = await (options.fetch ?? fetch)(url, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(10_000),
          // A redirect would carry the reply (chat history) to a host nobody allowed; 307 and
          // 308 even repeat the POST body there. A 3xx is a failure, never followed.
          redirect: "manual",
        });
        if (res.ok) return "sent";
        await res.body?.cancel().catch(() => {});
        const redirected = res.type === "opaqueredirect" || (res.status >= 300 && res.status < 400);
        options.log?.(
          redirected
            ? `response_url answered a redirect (HTTP ${res.status}), not followed`
            : `response_url answered HTTP ${res.status}`,
        );
        return "failed";
      } catch (error) {
        options.log?.(`response_url post failed: ${(error as Error).message}`);
        return "failed";
      }
    },
  };
}

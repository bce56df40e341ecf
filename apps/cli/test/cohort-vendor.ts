/**
 * A stand-in MyBOT with a cohort, for the export: `users` listed by any attribute, each with
 * `messages` TEXT messages oldest first, one minute apart, in the past. Users in `gone` are no
 * longer listed and their history answers the vendor's 1002, as a deleted user's does; users in
 * `denied` answer 1002 too but are still listed (a vendor's glitch); `botGone` makes every request (listing included) answer 1002, as a deleted
 * bot does; `claimedPage` makes every history answer claim a page number of its own (a lying
 * server); `onHistory` sees each history request before it is answered; `delayMs` holds each
 * history answer back (a vendor whose latency varies by user); `messagesOf` gives a user another
 * number of messages than `messages`.
 */
import { type Reply, serveJson } from "./stand-in-vendor.ts";

export interface CohortVendor {
  env: Record<string, string>;
  users: string[];
  messages: number;
  gone: Set<string>;
  denied: Set<string>;
  botGone: boolean;
  claimedPage: number | undefined;
  /** Every history request, in order. */
  requests: HistoryRequest[];
  /** How many times the cohort was listed. */
  listings: number;
  onHistory: (request: HistoryRequest) => void;
  /** How long each history answer is held back, in milliseconds; 0 by default. */
  delayMs: (request: HistoryRequest) => number;
  /** The most history requests that were waiting for their answer at one time. */
  mostInFlight: number;
  /** How many messages a user has; `messages` by default. */
  messagesOf: (user: string) => number;
  close(): Promise<void>;
}

/** A history request as the vendor received it; the dates as sent, undefined when absent. */
export interface HistoryRequest {
  user: string;
  page: number;
  size: number;
  startDate: string | undefined;
  endDate: string | undefined;
}

/** The instant of message 0, two days ago; the rest follow a minute apart. */
const FIRST = Math.floor(Date.now() / 60_000) * 60_000 - 2 * 86_400_000;

/**
 * @example
 * ```ts
 * const vendor = await startCohortVendor(["a", "b"], 5);
 * vendor.gone.add("b");
 * ```
 */
export async function startCohortVendor(users: string[], messages: number): Promise<CohortVendor> {
  const vendor: CohortVendor = {
    env: {},
    users,
    messages,
    gone: new Set(),
    denied: new Set(),
    botGone: false,
    claimedPage: undefined,
    requests: [],
    listings: 0,
    onHistory: () => {},
    delayMs: () => 0,
    mostInFlight: 0,
    messagesOf: () => vendor.messages,
    close: async () => {},
  };
  let inFlight = 0;
  const server = await serveJson((target, reply) => {
    const botGone = () =>
      reply(400, {
        errorCode: 1002,
        errorMessage: "INVALID_BOT_OR_CUSTOMER_ID",
        errorDetails: "no such bot",
      });
    if (target.pathname.endsWith("/users")) {
      vendor.listings++;
      if (vendor.botGone) return botGone();
      return reply(200, {
        users: vendor.users
          .filter((id) => !vendor.gone.has(id))
          .map((id) => ({
            channelUserId: id,
            channel: "web",
            name: `user ${id}`,
            attributes: { plan: "gold" },
          })),
        total: vendor.users.filter((id) => !vendor.gone.has(id)).length,
      });
    }
    const user = decodeURIComponent(
      /\/channel-user\/([^/]+)\/conversations$/.exec(target.pathname)?.[1] ?? "",
    );
    const page = Number(target.searchParams.get("page_number") ?? 1);
    const size = Number(target.searchParams.get("page_size") ?? 500);
    const request: HistoryRequest = {
      user,
      page,
      size,
      startDate: target.searchParams.get("start_date") ?? undefined,
      endDate: target.searchParams.get("end_date") ?? undefined,
    };
    vendor.requests.push(request);
    vendor.onHistory(request);
    inFlight++;
    vendor.mostInFlight = Math.max(vendor.mostInFlight, inFlight);
    const answer: Reply = (status, body) => {
      inFlight--;
      reply(status, body);
    };
    const delay = vendor.delayMs(request);
    if (delay > 0) setTimeout(() => answerHistory(request, answer), delay);
    else answerHistory(request, answer);
  });
  const answerHistory = ({ user, page, size }: HistoryRequest, reply: Reply) => {
    const botGone = () =>
      reply(400, {
        errorCode: 1002,
        errorMessage: "INVALID_BOT_OR_CUSTOMER_ID",
        errorDetails: "no such bot",
      });
    if (vendor.botGone) return botGone();
    if (vendor.gone.has(user) || vendor.denied.has(user))
      return reply(400, {
        errorCode: 1002,
        errorMessage: "INVALID_BOT_OR_CUSTOMER_ID",
        errorDetails: "no such channel user",
      });
    const all = Array.from({ length: vendor.messagesOf(user) }, (_, i) => ({
      timestamp: FIRST + i * 60_000,
      sender: i % 2 ? "bot" : "user",
      response: `${user} message ${i}`,
      message_type: "TEXT",
    }));
    reply(200, {
      conversations: all.slice((page - 1) * size, page * size),
      ...(vendor.claimedPage === undefined
        ? {}
        : { page_number: vendor.claimedPage, pagination: { pageNumber: vendor.claimedPage } }),
    });
  };
  vendor.env = server.env;
  vendor.close = server.close;
  return vendor;
}

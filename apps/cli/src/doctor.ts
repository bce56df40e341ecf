/**
 * `mybot doctor`: ask the real vendor. The history body the toolkit reads is known only from
 * what one integration observed (shared/mybot-api/README.md); the doctor calls each endpoint a
 * few times with small pages, with the user's own credential, and says what came back and,
 * part by part, whether the toolkit's reading holds. It writes a redacted sample (structure
 * and kinds of values only) that a user can share so that the spec can be corrected.
 *
 * Requests: the users listing (with `--attribute`), then for one user pages 1 and 2 of 5,
 * page 1 of 50, a page far past the end, and `page_number=0` (invalid on purpose, for the
 * error body): five or six in all, in one window whose end is pinned so that a live
 * conversation cannot shift the pages between them.
 *
 * @module
 */
import {
  createMyBotClient,
  isMyBotApiError,
  type MyBotApiError,
  type MyBotUser,
  VERSION,
} from "@mybot/core";
import { type MyBotSettings, UsageError } from "./config.ts";
import { captureFetch, type Exchange } from "./doctor-capture.ts";
import {
  type DoctorCheck,
  type ErrorFindings,
  examineErrorBody,
  examineHistory,
  examineUsers,
  type HistoryFindings,
  type HistoryProbe,
  type HistoryProbes,
  type UsersFindings,
} from "./doctor-checks.ts";
import { errorKind } from "./exit-codes.ts";

/** Page sizes and numbers of the probes. */
export const PROBES = { small: 5, large: 50, pastEnd: 100_000, invalid: 0 } as const;

export interface DoctorOptions {
  settings: MyBotSettings;
  /** To list users, and take the first when `user` is not given. */
  attribute?: { name: string; value: string } | undefined;
  /** The channel user id whose history to read. */
  user?: string | undefined;
  signal?: AbortSignal | undefined;
  /** A fetch to use instead of the global one. */
  fetch?: typeof fetch;
  now?: () => number;
}

/** Everything the doctor found (the `--format json` output). */
export interface DoctorReport {
  tool: "mybot doctor";
  toolkitVersion: string;
  /** Scheme, host and path only: never credentials. */
  baseUrl: string;
  requests: number;
  /** Where the user came from; their id is not repeated, so that the report can be shared too. */
  user: { from: "--user" | "listing" | "none"; usersListed?: number };
  users?: UsersFindings;
  history?: HistoryFindings;
  errorBody?: ErrorFindings;
  checks: DoctorCheck[];
  /** True when no check says `no`. */
  holds: boolean;
}

/** The report and the raw exchanges, for the sample. */
export interface DoctorRun {
  report: DoctorReport;
  exchanges: Exchange[];
  /** The user whose history was read; kept out of the report, scrubbed from the sample. */
  userId: string | undefined;
}

/** `path` without its trailing slashes; a loop, as `/\/+$/` retries from every slash of a run. */
function withoutTrailingSlashes(path: string): string {
  let end = path.length;
  while (end > 0 && path[end - 1] === "/") end--;
  return path.slice(0, end);
}

/**
 * The base URL as the report shows it: scheme, host and path, never credentials or query.
 *
 * @example
 * ```ts
 * displayBaseUrl("https://user:pw@api.engati.com/x/?k=1"); // "https://api.engati.com/x"
 * ```
 */
export function displayBaseUrl(baseUrl: string): string {
  try {
    const url = new URL(baseUrl);
    return `${url.protocol}//${url.host}${withoutTrailingSlashes(url.pathname)}`;
  } catch {
    return "(invalid base URL)";
  }
}

/** Keeps only the errors that are findings; anything else (auth, network) ends the run as usual. */
function tolerate(error: unknown, kinds: readonly string[]): MyBotApiError {
  if (isMyBotApiError(error) && kinds.includes(errorKind(error))) return error;
  throw error;
}

/**
 * Runs the probes and examines what came back.
 *
 * @example
 * ```ts
 * const { report } = await runDoctor({ settings, attribute: { name: "plan", value: "gold" } });
 * process.exitCode = report.holds ? 0 : 7;
 * ```
 */
export async function runDoctor(options: DoctorOptions): Promise<DoctorRun> {
  if (!options.user && !options.attribute)
    throw new UsageError(
      "doctor needs a user: --user <channel user id>, or --attribute <name>=<value> to take the first user listed",
    );
  const capture = captureFetch(() => options.fetch ?? globalThis.fetch);
  const client = createMyBotClient({
    ...options.settings,
    userAgent: `mybot-cli/${VERSION} (doctor)`,
    // The doctor sends page_number=0 on purpose: the server, not the client, must judge it.
    validateInput: false,
    maxRetries: 1,
    fetch: capture.fetch,
  });
  // The last one: after a retry, the answer the client actually read.
  const lastExchange = (from: number, endpoint: Exchange["endpoint"]) =>
    capture.exchanges
      .slice(from)
      .reverse()
      .find((e) => e.endpoint === endpoint);
  const checks: DoctorCheck[] = [];
  const report: DoctorReport = {
    tool: "mybot doctor",
    toolkitVersion: VERSION,
    baseUrl: displayBaseUrl(options.settings.baseUrl),
    requests: 0,
    user: { from: options.user ? "--user" : "listing" },
    checks,
    holds: true,
  };

  let users: MyBotUser[] | undefined;
  if (options.attribute) {
    const from = capture.exchanges.length;
    let error: MyBotApiError | undefined;
    try {
      users = await client.getMatchingUsers({
        attributeName: options.attribute.name,
        attributeValue: options.attribute.value,
        signal: options.signal,
      });
    } catch (caught) {
      error = tolerate(caught, ["invalid_response"]);
    }
    const examined = examineUsers(lastExchange(from, "users"), users, error);
    report.users = examined.findings;
    report.user.usersListed = examined.findings.count;
    checks.push(...examined.checks);
  }

  const userId = options.user ?? users?.[0]?.channelUserId;
  if (userId === undefined && users?.length === 0)
    throw new UsageError(
      `no user matches ${options.attribute?.name}=${options.attribute?.value}: give one with --user <channel user id>`,
    );
  if (userId !== undefined) {
    const endDate = (options.now ?? Date.now)();
    const probe = async (
      pageNumber: number,
      pageSize: number,
      tolerated: readonly string[],
    ): Promise<HistoryProbe> => {
      const from = capture.exchanges.length;
      const result: HistoryProbe = {
        pageNumber,
        pageSize,
        exchange: undefined,
        page: undefined,
        error: undefined,
      };
      try {
        const page = await client.getChatHistory(userId, {
          endDate,
          pageNumber,
          pageSize,
          signal: options.signal,
        });
        // Messages are mapped when first read: read them here, so that an unreadable one is
        // this probe's error, as the checks expect.
        void page.messages;
        result.page = page;
      } catch (caught) {
        result.error = tolerate(caught, tolerated);
      }
      result.exchange = lastExchange(from, "history");
      return result;
    };
    // Sequential on purpose: a few requests, one at a time, as gentle as the other commands.
    const probes: HistoryProbes = {
      first: await probe(1, PROBES.small, ["invalid_response"]),
      second: await probe(2, PROBES.small, ["invalid_response"]),
      large: await probe(1, PROBES.large, ["invalid_response"]),
      pastEnd: await probe(PROBES.pastEnd, PROBES.small, [
        "invalid_response",
        "invalid_input",
        "not_found",
        "http",
      ]),
    };
    const invalid = await probe(PROBES.invalid, PROBES.small, [
      "invalid_input",
      "invalid_response",
      "not_found",
      "server",
      "http",
    ]);
    const history = examineHistory(probes, endDate);
    report.history = history.findings;
    checks.push(...history.checks);
    const error = examineErrorBody(invalid);
    report.errorBody = error.findings;
    checks.push(error.check);
  } else {
    report.user.from = "none";
    checks.push({
      subject: "history",
      observed: "not read: no user to read it for",
      reads: "unknown",
      note: "give one with --user <channel user id>",
    });
  }
  report.requests = capture.exchanges.length;
  report.holds = checks.every((c) => c.reads !== "no");
  return { report, exchanges: capture.exchanges, userId };
}

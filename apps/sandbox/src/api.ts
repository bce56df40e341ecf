/**
 * The two MyBOT endpoints, exactly as contracts/openapi/mybot.yaml describes them:
 * `getMatchingUsers` (vendor section 3.1) and `getChatHistory` (vendor section 3.2), the
 * history body in the {@link HistoryShape} in force (the observed shape unless switched).
 * Checks run in the order a client can act on: the key (401), another tenant's customer (403,
 * before anything is looked up, so that a key cannot probe which customers and bots exist), the
 * bot within the key's own customer (404, or 1002 on history), the key's reach to that bot (403),
 * then the parameters.
 *
 * @module
 */
import type { Context } from "hono";
import { Hono } from "hono";
import { ERRORS, errorResponse } from "./error-body.ts";
import { DEFAULT_HISTORY_SHAPE, type HistoryShape } from "./history-shape.ts";
import type { SandboxStore, StoredKey } from "./store/store.ts";

/** The spec's defaults and limits. */
export const DEFAULT_PAGE_SIZE = 500;
export const MAX_PAGE_SIZE = 1000;

type Checked<T> = { ok: true; value: T } | { ok: false; response: Response };

function authenticate(c: Context, store: SandboxStore): Checked<StoredKey> {
  const header = c.req.header("authorization") ?? "";
  const match = /^Basic (\S+)$/.exec(header.trim());
  const key = match ? store.findKey(match[1] as string) : undefined;
  if (key?.status !== "active") return { ok: false, response: errorResponse(ERRORS.unauthorized) };
  return { ok: true, value: key };
}

/**
 * A key may learn which bots its own customer has (the vendor's 404 and 1002), but nothing of any
 * other customer: their ids answer 403 whether they exist or not.
 */
function reachOrExistence(
  store: SandboxStore,
  key: StoredKey,
  customerId: string,
  botKey: string,
  missing: Response,
): Response | undefined {
  if (key.customerId !== customerId) return errorResponse(ERRORS.forbidden);
  if (!store.botExists(customerId, botKey)) return missing;
  if (key.botKey !== botKey) return errorResponse(ERRORS.forbidden);
  return undefined;
}

/** A query parameter, with a blank value treated as absent (the vendor: "If blank, …"). */
function query(c: Context, name: string): string | undefined {
  const value = c.req.query(name);
  return value === undefined || value === "" ? undefined : value;
}

function wholeNumber(text: string | undefined): number | undefined | null {
  if (text === undefined) return undefined;
  if (!/^\d{1,16}$/.test(text)) return null;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : null;
}

/** The default for an absent value; `null` (present but invalid) stays null. */
function orDefault(value: number | undefined | null, fallback: number): number | null {
  return value === undefined ? fallback : value;
}

/** What the API routes read besides the store. */
export interface ApiRoutesOptions {
  now?: (() => number) | undefined;
  /** The history shape in force, read on every request so that the admin API can switch it. */
  shape?: (() => HistoryShape) | undefined;
}

/**
 * @example
 * ```ts
 * app.route("/bot-api/v1.0", createApiRoutes(store, { shape: () => setting.get() }));
 * ```
 */
export function createApiRoutes(store: SandboxStore, options: ApiRoutesOptions = {}): Hono {
  const now = options.now ?? Date.now;
  const shapeOf = options.shape ?? (() => DEFAULT_HISTORY_SHAPE);
  const api = new Hono();

  api.get("/customer/:customerId/bot/:botKey/users", (c) => {
    const auth = authenticate(c, store);
    if (!auth.ok) return auth.response;
    const { customerId, botKey } = c.req.param();
    const refused = reachOrExistence(
      store,
      auth.value,
      customerId,
      botKey,
      errorResponse(ERRORS.notFound),
    );
    if (refused) return refused;
    const name = query(c, "attribute_name");
    const value = query(c, "attribute_value");
    if (!name || !value || name.length > 256 || value.length > 1024) {
      return errorResponse(
        ERRORS.invalidParameter,
        "attribute_name and attribute_value are required non-empty strings (at most 256 and 1024 characters).",
      );
    }
    const users = store.usersByAttribute(customerId, botKey, name, value);
    return c.json({ users, total: users.length });
  });

  api.get("/customer/:customerId/bot/:botKey/channel-user/:channelUserId/conversations", (c) => {
    const auth = authenticate(c, store);
    if (!auth.ok) return auth.response;
    const { customerId, botKey, channelUserId } = c.req.param();
    const refused = reachOrExistence(
      store,
      auth.value,
      customerId,
      botKey,
      errorResponse(ERRORS.invalidIds),
    );
    if (refused) return refused;

    const start = wholeNumber(query(c, "start_date"));
    const end = wholeNumber(query(c, "end_date"));
    if (
      start === null ||
      end === null ||
      (start !== undefined && end !== undefined && end <= start)
    ) {
      return errorResponse(ERRORS.invalidDates);
    }
    const pageNumber = orDefault(wholeNumber(query(c, "page_number")), 1);
    if (pageNumber === null || pageNumber < 1) return errorResponse(ERRORS.invalidPageNumber);
    const pageSize = orDefault(wholeNumber(query(c, "page_size")), DEFAULT_PAGE_SIZE);
    if (pageSize === null || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
      return errorResponse(
        ERRORS.invalidParameter,
        `page_size must be an integer from 1 to ${MAX_PAGE_SIZE}.`,
      );
    }
    const shape = shapeOf();
    const page = store.history(customerId, botKey, channelUserId, {
      startDate: start ?? 0,
      // "If blank, current UTC time will be considered"; +1 keeps a message stamped this very ms.
      endDate: end ?? now() + 1,
      offset: (pageNumber - 1) * pageSize,
      limit: pageSize,
      order: shape.order,
      ids: shape.ids,
      timestamps: shape.timestamps,
      count: shape.pageMetadata,
    });
    if (!page) return errorResponse(ERRORS.invalidIds);
    // The messages arrive as JSON from the store; splicing them in avoids a parse and re-stringify.
    let body = `{"${shape.listKey}":${page.messagesJson}`;
    if (shape.pageMetadata) {
      const total = page.total ?? 0;
      const totalPages = Math.ceil(total / pageSize);
      const pagination = {
        pageNumber,
        pageSize,
        totalMessages: total,
        totalPages,
        hasNextPage: pageNumber < totalPages,
      };
      body += `,"pagination":${JSON.stringify(pagination)}`;
    }
    return c.body(`${body}}`, 200, { "content-type": "application/json" });
  });

  return api;
}

/**
 * What `mybot doctor` concludes from the bodies it received: for each part of the history body
 * the project could only assume (shared/mybot-api/README.md, contracts/openapi/mybot.yaml
 * `x-mybot-assumption`), what the vendor sent and whether the toolkit's reading holds. Each
 * check says `yes`, `no` (with what to do) or `unknown` (not enough data to tell).
 *
 * @module
 */
import type { ChatHistoryPage, MyBotApiError, MyBotUser } from "@mybot/core";
import { parseVendorTimestamp } from "@mybot/core/wire";
import type { Exchange } from "./doctor-capture.ts";
import {
  combineOrders,
  type FieldSummary,
  isRecord,
  type ListOrder,
  type ObservedOrder,
  orderOfTimes,
  summariseFields,
  timestampFormat,
  typesOf,
} from "./doctor-shape.ts";
import { errorKind } from "./exit-codes.ts";

export type Verdict = "yes" | "no" | "unknown";

/** One conclusion of the doctor. */
export interface DoctorCheck {
  subject: string;
  /** What the vendor sent, without any of its values. */
  observed: string;
  /** Whether the toolkit reads it correctly. */
  reads: Verdict;
  /** What it means or what to do. */
  note?: string;
}

/** One history request of the doctor and what came of it. */
export interface HistoryProbe {
  pageNumber: number;
  pageSize: number;
  /** The response as received. */
  exchange: Exchange | undefined;
  /** The toolkit's reading, when it could read it. */
  page: ChatHistoryPage | undefined;
  /** The toolkit's error, when it could not. */
  error: MyBotApiError | undefined;
}

/** The four history probes: two small pages, one larger page, and a page past the end. */
export interface HistoryProbes {
  first: HistoryProbe;
  second: HistoryProbe;
  large: HistoryProbe;
  pastEnd: HistoryProbe;
}

/** What the history body looked like, as facts a tool can compare (`--format json`). */
export interface HistoryFindings {
  messagesSeen: number;
  listKey: "conversations" | "messages" | null;
  /** Where the messages were found when under neither known key. */
  listFoundUnder?: string | undefined;
  bodyFields: FieldSummary[];
  fields: FieldSummary[];
  timestampFormats: string[];
  order: ObservedOrder;
  ids: "present" | "partial" | "absent";
  pageMetadata: boolean;
  senders: string[];
  messageTypes: string[];
}

/** What the toolkit does with each message field it reads; every other field is kept in `raw`. */
export const TOOLKIT_READS: Readonly<Record<string, string>> = {
  timestamp: "time (epoch ms)",
  sender: "sender",
  response: "text",
  text: "text, when there is no response",
  message_type: "type",
  file: "file",
  "file.url": "file URL",
  "file.mimeType": "file MIME type",
  "file.uploadType": "file upload type",
  id: "id",
  message_id: "id",
  messageId: "id",
};

const ID_KEYS = ["id", "message_id", "messageId"];
const KNOWN_SENDERS = new Set(["user", "bot", "agent"]);
const PAGING_KEYS = new Set([
  "total",
  "totalPages",
  "total_pages",
  "totalCount",
  "total_count",
  "totalMessages",
  "hasMore",
  "has_more",
  "hasNext",
  "hasNextPage",
  "next",
  "nextPage",
  "page",
  "pageNumber",
  "page_number",
  "pageSize",
  "page_size",
  "count",
]);
/** Anything earlier is not a plausible message time: most likely a number in seconds. */
const EARLIEST_PLAUSIBLE = Date.UTC(2000, 0, 1);

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
const fieldList = (fields: FieldSummary[]) =>
  fields.map((f) => `${f.path} ${typesOf(f)}`).join(", ") || "none";
const topLevel = (fields: FieldSummary[]) =>
  fields.filter((f) => !f.path.includes(".") && !f.path.includes("[]"));
/** A value shown only when it has the form of an enumeration value, never free text. */
const enumValue = (value: unknown, form: RegExp) =>
  typeof value === "string" && form.test(value) ? value : "<other>";

/** The message list of a body: under a known key, or the first array of objects found. */
export function messageListOf(body: unknown): {
  key: "conversations" | "messages" | null;
  items: unknown[] | undefined;
  foundUnder?: string;
} {
  if (Array.isArray(body)) return { key: null, items: body, foundUnder: "(the body itself)" };
  if (!isRecord(body)) return { key: null, items: undefined };
  if (Array.isArray(body.conversations)) return { key: "conversations", items: body.conversations };
  if (Array.isArray(body.messages)) return { key: "messages", items: body.messages };
  const objects = (v: unknown): v is unknown[] => Array.isArray(v) && v.some(isRecord);
  for (const [key, value] of Object.entries(body)) {
    if (objects(value)) return { key: null, items: value, foundUnder: key };
    if (isRecord(value))
      for (const [inner, nested] of Object.entries(value))
        if (objects(nested)) return { key: null, items: nested, foundUnder: `${key}.${inner}` };
  }
  return { key: null, items: undefined };
}

const itemsOf = (probe: HistoryProbe) =>
  probe.exchange?.status === 200 ? messageListOf(probe.exchange.body).items : undefined;
const timesOf = (items: readonly unknown[]) =>
  items
    .map((m) => parseVendorTimestamp(isRecord(m) ? m.timestamp : undefined))
    .filter((t): t is number => t !== undefined);
const same = (a: readonly unknown[], b: readonly unknown[]) =>
  a.length === b.length && a.every((item, i) => JSON.stringify(item) === JSON.stringify(b[i]));

function listKeyCheck(probes: HistoryProbes, findings: HistoryFindings): DoctorCheck {
  const bodies = [probes.first, probes.second, probes.large, probes.pastEnd]
    .map((p) => p.exchange)
    .filter((e): e is Exchange => e?.status === 200);
  if (bodies.length === 0)
    return { subject: "list key", observed: "no history body received", reads: "unknown" };
  const keys = new Set(bodies.map((e) => messageListOf(e.body).key ?? "none"));
  const known = [...keys].filter((k) => k !== "none");
  if (!keys.has("none")) {
    const both = bodies.some(
      (e) =>
        isRecord(e.body) && Array.isArray(e.body.conversations) && Array.isArray(e.body.messages),
    );
    return {
      subject: "list key",
      observed: `\`${known.join("` and `")}\``,
      reads: "yes",
      ...(both ? { note: "both keys came; the toolkit reads `conversations`" } : {}),
    };
  }
  const under = findings.listFoundUnder;
  const keysSeen = [
    ...new Set(bodies.flatMap((e) => (isRecord(e.body) ? Object.keys(e.body) : []))),
  ];
  return {
    subject: "list key",
    observed: under
      ? `none of the known keys; the messages are under \`${under}\``
      : `no message list (keys: ${keysSeen.join(", ") || "none"})`,
    reads: "no",
    note: "the toolkit reads the list under `conversations` or `messages`: share the sample so that this key can be added",
  };
}

function timestampCheck(messages: readonly unknown[], formats: string[], now: number): DoctorCheck {
  if (messages.length === 0)
    return { subject: "timestamp", observed: "no messages", reads: "unknown" };
  const values = messages.map((m) => (isRecord(m) ? m.timestamp : undefined));
  const observed = formats.map((f) => (f.startsWith("YYYY") ? `string \`${f}\`` : f)).join(", ");
  const missing = values.filter((v) => v === undefined).length;
  const unreadable = new Set<string>();
  const implausible = new Set<string>();
  for (const value of values) {
    if (value === undefined) continue;
    const ms = parseVendorTimestamp(value);
    if (ms === undefined) unreadable.add(timestampFormat(value));
    else if (ms < EARLIEST_PLAUSIBLE || ms > now + 2 * 86_400_000)
      implausible.add(timestampFormat(value));
  }
  if (missing || unreadable.size) {
    const parts = [
      ...(missing ? [`${plural(missing, "message")} without a timestamp`] : []),
      ...[...unreadable].map((f) =>
        f.includes("seconds")
          ? `\`${f}\` cannot be read (numbers this small look like seconds, not milliseconds)`
          : `\`${f}\` cannot be read`,
      ),
    ];
    return {
      subject: "timestamp",
      observed,
      reads: "no",
      note: `${parts.join("; ")}: the toolkit stops with an invalid_response error rather than misdate a message. Share the sample so that this format can be read.`,
    };
  }
  if (implausible.size)
    return {
      subject: "timestamp",
      observed,
      reads: "no",
      note: `read as a date before 2000 or in the future (${[...implausible].join(", ")}): the toolkit reads numbers as epoch milliseconds; these look like seconds. Share the sample.`,
    };
  return { subject: "timestamp", observed, reads: "yes" };
}

function senderCheck(messages: readonly Record<string, unknown>[], senders: string[]): DoctorCheck {
  if (messages.length === 0)
    return { subject: "sender", observed: "no messages", reads: "unknown" };
  const notText = messages.filter((m) => typeof m.sender !== "string" || m.sender === "").length;
  const observed = `${senders.join(", ")}`;
  if (notText)
    return {
      subject: "sender",
      observed,
      reads: "no",
      note: `${plural(notText, "message")} without a sender string: the toolkit shows them as \`unknown\``,
    };
  const other = senders.filter((s) => !KNOWN_SENDERS.has(s));
  return {
    subject: "sender",
    observed,
    reads: "yes",
    ...(other.length
      ? {
          note: `${other.join(", ")}: passed through as sent (user, bot and agent are the known ones)`,
        }
      : {}),
  };
}

function textCheck(messages: readonly Record<string, unknown>[]): DoctorCheck {
  if (messages.length === 0) return { subject: "text", observed: "no messages", reads: "unknown" };
  const inResponse = messages.filter((m) => typeof m.response === "string").length;
  const inText = messages.filter(
    (m) => typeof m.response !== "string" && typeof m.text === "string",
  ).length;
  const none = messages.filter(
    (m) =>
      typeof m.response !== "string" &&
      typeof m.text !== "string" &&
      !(isRecord(m.file) && typeof m.file.url === "string"),
  ).length;
  const where = [
    ...(inResponse ? [`in \`response\` (${inResponse}/${messages.length})`] : []),
    ...(inText ? [`in \`text\` (${inText}/${messages.length})`] : []),
  ];
  if (none)
    return {
      subject: "text",
      observed: where.join(", ") || "neither `response` nor `text`",
      reads: "no",
      note: `${plural(none, "message")} with neither \`response\` nor \`text\` nor a file: the toolkit shows them empty. Share the sample.`,
    };
  return { subject: "text", observed: where.join(", "), reads: "yes" };
}

function typeCheck(messages: readonly Record<string, unknown>[], types: string[]): DoctorCheck {
  if (messages.length === 0)
    return { subject: "message_type", observed: "no messages", reads: "unknown" };
  const bad = messages.filter(
    (m) =>
      m.message_type !== undefined && m.message_type !== null && typeof m.message_type !== "string",
  ).length;
  const absent = messages.filter(
    (m) => m.message_type === undefined || m.message_type === null,
  ).length;
  const observed = types.length ? types.join(", ") : "absent";
  if (bad)
    return {
      subject: "message_type",
      observed,
      reads: "no",
      note: `${plural(bad, "message")} with a message_type that is not a string: the toolkit reads them as TEXT`,
    };
  return {
    subject: "message_type",
    observed,
    reads: "yes",
    ...(absent ? { note: `absent on ${plural(absent, "message")}: read as TEXT` } : {}),
  };
}

function fileCheck(
  messages: readonly Record<string, unknown>[],
  fields: FieldSummary[],
): DoctorCheck {
  const withFile = messages.filter((m) => m.file !== undefined && m.file !== null);
  if (withFile.length === 0)
    return {
      subject: "file",
      observed: messages.some((m) => m.file === null) ? "always null here" : "absent here",
      reads: "unknown",
      note: "no message with a file among these: try a user who sent one",
    };
  const inner = fields.filter((f) => f.path.startsWith("file.")).map((f) => f.path.slice(5));
  const broken = withFile.filter((m) => !isRecord(m.file) || typeof m.file.url !== "string").length;
  const observed = `\`file\` {${inner.join(", ")}} on ${plural(withFile.length, "message")}`;
  if (broken)
    return {
      subject: "file",
      observed,
      reads: "no",
      note: `${plural(broken, "file")} without a \`url\` string: the toolkit drops them. Share the sample.`,
    };
  return { subject: "file", observed, reads: "yes" };
}

function idCheck(messages: readonly Record<string, unknown>[]): {
  check: DoctorCheck;
  ids: HistoryFindings["ids"];
} {
  if (messages.length === 0)
    return { check: { subject: "id", observed: "no messages", reads: "unknown" }, ids: "absent" };
  const key = ID_KEYS.find((k) => messages.some((m) => m[k] !== undefined && m[k] !== null));
  if (!key)
    return {
      check: {
        subject: "id",
        observed: "absent",
        reads: "yes",
        note: "the toolkit gives each message a fingerprint of its content (`fp-…`), the same in every call",
      },
      ids: "absent",
    };
  const usable = (v: unknown) => (typeof v === "string" && v !== "") || typeof v === "number";
  const carrying = messages.filter((m) => usable(m[key]));
  const byId = new Map<string, string>();
  let clashes = 0;
  for (const m of carrying) {
    const id = String(m[key]);
    const content = JSON.stringify(m);
    const before = byId.get(id);
    if (before !== undefined && before !== content) clashes++;
    byId.set(id, content);
  }
  const types = [...new Set(carrying.map((m) => typeof m[key]))].join(" | ");
  const observed = `\`${key}\` (${types || "unusable"}) on ${carrying.length}/${messages.length} messages`;
  const ids = carrying.length === messages.length ? "present" : "partial";
  if (clashes)
    return {
      check: {
        subject: "id",
        observed,
        reads: "no",
        note: `${plural(clashes, "different message")} share an id with another: consumers that count by id would merge them. Share the sample.`,
      },
      ids,
    };
  return {
    check: {
      subject: "id",
      observed,
      reads: "yes",
      ...(ids === "partial" ? { note: "the messages without one get a content fingerprint" } : {}),
    },
    ids,
  };
}

function orderCheck(probes: HistoryProbes, order: ObservedOrder): DoctorCheck {
  const subject = "order";
  if (order === "undetermined")
    return {
      subject,
      observed: "undetermined",
      reads: "unknown",
      note: "fewer than two distinct instants: try a user with more messages. The toolkit detects the order at run time either way.",
    };
  if (order === "inconsistent")
    return {
      subject,
      observed: "inconsistent (the instants go both ways)",
      reads: "no",
      note: "the toolkit expects pages and the messages within them in one order, oldest or newest first. Share the sample.",
    };
  const toolkit = probes.large.page?.order ?? probes.first.page?.order;
  const agrees = toolkit === undefined || toolkit === order;
  return {
    subject,
    observed: order,
    reads: agrees ? "yes" : "no",
    ...(agrees
      ? { note: "the toolkit reads every history oldest first whichever the order" }
      : { note: `the toolkit read ${toolkit}. Share the sample.` }),
  };
}

function pageMetadataCheck(probes: HistoryProbes, bodyFields: FieldSummary[]): DoctorCheck {
  const subject = "page metadata";
  const bodies = [probes.first, probes.large]
    .map((p) => p.exchange?.body)
    .filter((b): b is Record<string, unknown> => isRecord(b));
  const meta = bodies.map((b) => b.pagination).find(isRecord);
  const loose = topLevel(bodyFields)
    .map((f) => f.path)
    .filter((k) => PAGING_KEYS.has(k));
  const looseNote = loose.length
    ? `; ${loose.map((k) => `\`${k}\``).join(", ")} at the top level is not read (the toolkit probes instead: slower, still correct)`
    : "";
  if (!meta)
    return {
      subject,
      observed: loose.length ? `no \`pagination\`; ${loose.join(", ")} at the top level` : "absent",
      reads: "yes",
      note: `the toolkit finds the last page by probing${looseNote}`,
    };
  const fields = summariseFields([meta]);
  const observed = `\`pagination\` {${fieldList(fields)}}`;
  const firstMeta = isRecord(probes.first.exchange?.body)
    ? probes.first.exchange.body.pagination
    : undefined;
  const secondItems = itemsOf(probes.second) ?? [];
  const contradicted =
    isRecord(firstMeta) && firstMeta.hasNextPage === false && secondItems.length > 0;
  if (contradicted)
    return {
      subject,
      observed,
      reads: "no",
      note: "page 1 said there is no next page, yet page 2 held messages: the toolkit would stop early. Share the sample.",
    };
  const read = ["totalMessages", "totalPages", "hasNextPage"].filter((k) => meta[k] !== undefined);
  return {
    subject,
    observed,
    reads: "yes",
    note: read.length
      ? `the toolkit uses ${read.join(", ")}${looseNote}`
      : `none of totalMessages, totalPages, hasNextPage: ignored, the toolkit probes instead${looseNote}`,
  };
}

function pagingCheck(probes: HistoryProbes): DoctorCheck {
  const subject = "paging";
  const first = itemsOf(probes.first);
  const second = itemsOf(probes.second);
  const large = itemsOf(probes.large);
  const small = probes.first.pageSize;
  if (!first || !second || !large)
    return { subject, observed: "pages not all readable", reads: "unknown" };
  if (first.length > small)
    return {
      subject,
      observed: `page_size=${small} gave ${first.length} messages`,
      reads: "no",
      note: "the server ignores page_size: the toolkit counts pages by the size it asked for. Share the sample.",
    };
  if (large.length === 0)
    return { subject, observed: "the user has no messages", reads: "unknown" };
  const expectedSecond = large.slice(small, 2 * small);
  const consistent = same(first, large.slice(0, small)) && same(second, expectedSecond);
  const observed = `page_number=2 of page_size=${small} ${consistent ? "continues" : "does not continue"} page 1, as in one page of ${probes.large.pageSize}`;
  if (!consistent)
    return {
      subject,
      observed: same(first, second) && first.length > 0 ? "page_number=2 repeats page 1" : observed,
      reads: "no",
      note: "the toolkit reads page N as messages (N-1)×size to N×size of the window. Share the sample.",
    };
  if (large.length <= small)
    return {
      subject,
      observed: `page 2 is empty after a page of ${large.length}`,
      reads: "yes",
      note: `only ${plural(large.length, "message")}: a user with more than ${small} gives a fuller check`,
    };
  return { subject, observed, reads: "yes" };
}

function pastEndCheck(probe: HistoryProbe): DoctorCheck {
  const subject = "past the last page";
  const exchange = probe.exchange;
  if (!exchange) return { subject, observed: "no answer", reads: "unknown" };
  const items = itemsOf(probe);
  if (exchange.status === 200 && items?.length === 0)
    return { subject, observed: `page_number=${probe.pageNumber} is empty`, reads: "yes" };
  const what =
    exchange.status === 200
      ? `page_number=${probe.pageNumber} holds ${plural(items?.length ?? 0, "message")}`
      : `page_number=${probe.pageNumber} answered ${exchange.status}${probe.error?.errorName ? ` ${probe.error.errorName}` : ""}`;
  return {
    subject,
    observed: what,
    reads: "no",
    note: "the toolkit finds the last page by asking for pages until one is empty: without page metadata it would fail or loop. Share the sample.",
  };
}

function toolkitCheck(probes: HistoryProbes): DoctorCheck {
  const all = [probes.first, probes.second, probes.large, probes.pastEnd];
  const failed = all.find((p) => p.error && errorKind(p.error) === "invalid_response");
  if (failed?.error)
    return {
      subject: "toolkit reading",
      observed: `page_number=${failed.pageNumber}, page_size=${failed.pageSize}: ${failed.error.message}`,
      reads: "no",
      note: "this is what `mybot history` and the apps would fail with",
    };
  const read = all.filter((p) => p.page).length;
  return { subject: "toolkit reading", observed: `${plural(read, "page")} read`, reads: "yes" };
}

/**
 * The findings and checks of the history probes.
 *
 * @example
 * ```ts
 * const { findings, checks } = examineHistory(probes, Date.now());
 * ```
 */
export function examineHistory(
  probes: HistoryProbes,
  now: number,
): { findings: HistoryFindings; checks: DoctorCheck[] } {
  const received = [probes.first, probes.second, probes.large, probes.pastEnd]
    .map((p) => p.exchange)
    .filter((e): e is Exchange => e?.status === 200);
  const lists = received.map((e) => messageListOf(e.body));
  // Each distinct message once: the probes overlap on purpose.
  const distinct = new Map<string, unknown>();
  for (const list of lists)
    for (const item of list.items ?? []) distinct.set(JSON.stringify(item), item);
  const messages = [...distinct.values()];
  const records = messages.filter(isRecord);
  const fields = summariseFields(messages);
  const bodyFields = topLevel(summariseFields(received.map((e) => e.body)));
  const timestampFormats = [
    ...new Set(
      records
        .map((m) => m.timestamp)
        .filter((t) => t !== undefined)
        .map(timestampFormat),
    ),
  ];
  const evidence: ListOrder[] = [probes.first, probes.second, probes.large].map((p) =>
    orderOfTimes(timesOf(itemsOf(p) ?? [])),
  );
  const firstItems = itemsOf(probes.first) ?? [];
  const secondItems = itemsOf(probes.second) ?? [];
  const firstTimes = timesOf(firstItems);
  const secondTimes = timesOf(secondItems);
  // Pages that overlap say nothing of the order (the paging check reports them).
  const seenOnFirst = new Set(firstItems.map((m) => JSON.stringify(m)));
  const overlap = secondItems.some((m) => seenOnFirst.has(JSON.stringify(m)));
  if (firstTimes.length && secondTimes.length && !overlap)
    evidence.push(
      orderOfTimes([firstTimes[firstTimes.length - 1] as number, secondTimes[0] as number]),
    );
  const order = combineOrders(evidence);
  const senders = [...new Set(records.map((m) => enumValue(m.sender, /^[a-z][a-z_]{0,19}$/)))];
  const messageTypes = [
    ...new Set(
      records
        .filter((m) => m.message_type !== undefined && m.message_type !== null)
        .map((m) => enumValue(m.message_type, /^[A-Z][A-Z0-9_]{0,39}$/)),
    ),
  ];
  const foundUnder = lists.find((l) => l.foundUnder)?.foundUnder;
  const findings: HistoryFindings = {
    messagesSeen: messages.length,
    listKey: lists.find((l) => l.key)?.key ?? null,
    ...(foundUnder ? { listFoundUnder: foundUnder } : {}),
    bodyFields,
    fields,
    timestampFormats,
    order,
    ids: "absent",
    pageMetadata: received.some((e) => isRecord(e.body) && isRecord(e.body.pagination)),
    senders,
    messageTypes,
  };
  const id = idCheck(records);
  findings.ids = id.ids;
  const others = topLevel(fields).filter((f) => TOOLKIT_READS[f.path] === undefined);
  const checks: DoctorCheck[] = [
    listKeyCheck(probes, findings),
    timestampCheck(records, timestampFormats, now),
    senderCheck(records, senders),
    textCheck(records),
    typeCheck(records, messageTypes),
    fileCheck(records, fields),
    id.check,
    {
      subject: "other fields",
      observed: fieldList(others),
      reads: records.length ? "yes" : "unknown",
      note: "not read: kept as sent in `raw` (in the json and ndjson output and the export)",
    },
    orderCheck(probes, order),
    pageMetadataCheck(probes, bodyFields),
    pagingCheck(probes),
    pastEndCheck(probes.pastEnd),
    toolkitCheck(probes),
  ];
  return { findings, checks };
}

/** What the users body looked like. */
export interface UsersFindings {
  status: number | null;
  listKey: string | null;
  count: number;
  bodyFields: FieldSummary[];
  fields: FieldSummary[];
}

/**
 * The findings and checks of the users listing.
 *
 * @example
 * ```ts
 * examineUsers(exchange, users, undefined);
 * ```
 */
export function examineUsers(
  exchange: Exchange | undefined,
  users: MyBotUser[] | undefined,
  error: MyBotApiError | undefined,
): { findings: UsersFindings; checks: DoctorCheck[] } {
  const body = exchange?.body;
  const list = isRecord(body) && Array.isArray(body.users) ? body.users : undefined;
  const fields = summariseFields(list ?? []);
  const findings: UsersFindings = {
    status: exchange?.status ?? null,
    listKey: list ? "users" : null,
    count: list?.length ?? 0,
    bodyFields: topLevel(summariseFields(body === undefined ? [] : [body])),
    fields,
  };
  const keys = isRecord(body) ? Object.keys(body).join(", ") : typeof body;
  const checks: DoctorCheck[] = [
    list
      ? {
          subject: "users: list key",
          observed: `\`users\` (${plural(list.length, "user")})`,
          reads: "yes",
        }
      : {
          subject: "users: list key",
          observed: `no \`users\` array (keys: ${keys || "none"})`,
          reads: "no",
          note: "the toolkit reads the users under `users`. Share the sample.",
        },
  ];
  if (list && list.length > 0) {
    const id = fields.find((f) => f.path === "channelUserId");
    const ok = users !== undefined && id?.types.join() === "string" && id.present === list.length;
    checks.push({
      subject: "users: fields",
      observed: fieldList(topLevel(fields)),
      reads: ok ? "yes" : "no",
      ...(ok
        ? {}
        : {
            note: `${error ? `${error.message}. ` : ""}the toolkit needs a \`channelUserId\` string on every user. Share the sample.`,
          }),
    });
  }
  return { findings, checks };
}

/** What the deliberately invalid request brought back. */
export interface ErrorFindings {
  request: string;
  status: number | null;
  bodyFields: FieldSummary[];
  /** What the toolkit read from the body. */
  code?: number | undefined;
  errorName?: string | undefined;
  kind?: string | undefined;
}

/**
 * The findings and check of the `page_number=0` request.
 *
 * @example
 * ```ts
 * examineErrorBody(probe);
 * ```
 */
export function examineErrorBody(probe: HistoryProbe): {
  findings: ErrorFindings;
  check: DoctorCheck;
} {
  const request = `page_number=${probe.pageNumber}`;
  const subject = `error body (${request})`;
  const exchange = probe.exchange;
  const body = exchange?.body;
  const bodyFields = isRecord(body) ? topLevel(summariseFields([body])) : [];
  const findings: ErrorFindings = {
    request,
    status: exchange?.status ?? null,
    bodyFields,
    code: probe.error?.code,
    errorName: probe.error?.errorName,
    kind: probe.error && errorKind(probe.error),
  };
  if (!exchange) return { findings, check: { subject, observed: "no answer", reads: "unknown" } };
  if (!probe.error)
    return {
      findings,
      check: {
        subject,
        observed: `${exchange.status}: the server accepted it`,
        reads: "unknown",
        note: "no error body to read; the toolkit refuses page 0 itself before sending",
      },
    };
  const shape = isRecord(body)
    ? `{${fieldList(bodyFields)}}`
    : exchange.json
      ? `a JSON ${typeof body}`
      : "a body that is not JSON";
  const readCode = probe.error.code !== undefined && probe.error.code !== exchange.status;
  const read = [
    ...(readCode ? [`code ${probe.error.code}`] : []),
    ...(probe.error.errorName ? [`name ${probe.error.errorName}`] : []),
  ];
  const observed = `${exchange.status} ${shape}; the toolkit read ${read.join(", ") || "neither a code nor a name"} (kind ${errorKind(probe.error)})`;
  if (read.length === 0)
    return {
      findings,
      check: {
        subject,
        observed,
        reads: "no",
        note: "the toolkit reports only the HTTP status: share the sample so that this body's code and name can be read",
      },
    };
  return { findings, check: { subject, observed, reads: "yes" } };
}

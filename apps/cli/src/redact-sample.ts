/**
 * The redacted sample of `mybot doctor`: a body with its keys and structure kept and every value
 * replaced by a placeholder of its kind, so that a user can share what their MyBOT sends and the
 * spec can be corrected without anyone seeing a key, an id, a phone number, a name or a message.
 *
 * Kept as they are: only the values of a few enumeration fields (`sender`, `message_type`,
 * `uploadType`, `mimeType`, `channel`, an error's `errorMessage` name), and only when they look
 * like an enumeration value; the spec lists those values, and none of them can hold a person's
 * data in that form.
 *
 * @module
 */
import { isRecord, timestampFormat } from "./doctor-shape.ts";

/** Enumeration fields whose values are kept when they match the form of an enumeration value. */
const ENUMERATIONS: Record<string, RegExp> = {
  sender: /^[a-z][a-z_]{0,19}$/,
  message_type: /^[A-Z][A-Z0-9_]{0,39}$/,
  messageType: /^[A-Z][A-Z0-9_]{0,39}$/,
  uploadType: /^[A-Za-z][A-Za-z_]{0,19}$/,
  mimeType: /^[a-z]+\/[a-z0-9.+-]{1,60}$/,
  channel: /^[a-z][a-z_]{0,19}$/,
  errorMessage: /^[A-Z][A-Z0-9_]{2,63}$/,
  errorName: /^[A-Z][A-Z0-9_]{2,63}$/,
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PHONE_OR_NUMBER = /^\+?[\d][\d\s().-]{2,}$/;
const UPLOADED_PREFIX = "User uploaded ";
/** Arrays keep this many distinct redacted items: enough to show each kind of message. */
const MAX_ITEMS = 20;
/** A key that is itself data (a phone number, an id, an address) rather than a field name. */
const DATA_KEY = /^\+?\d{4,}$|@|^[0-9a-f]{8}-[0-9a-f]{4}-/i;

/** A path segment (`[]` aside) that is data; a short one can only be data by its `@`. */
function isDataKey(segment: string): boolean {
  const key = segment.endsWith("[]") ? segment.slice(0, -2) : segment;
  return key.length >= 4 ? DATA_KEY.test(key) : key.includes("@");
}

/**
 * A dotted key path with every segment that is itself data (a phone number, an id, an address)
 * hidden, for the findings the sample lists by path.
 *
 * @example
 * ```ts
 * redactKeyPath("reactions.919812345678.count"); // "reactions.<key>.count"
 * ```
 */
export function redactKeyPath(path: string): string {
  return path
    .split(".")
    .map((segment) => (isDataKey(segment) ? "<key>" : segment))
    .join(".");
}

// The three tests below are scans rather than regexes: the regexes they replace
// (`/^[^\s@]+@[^\s@]+\.[^\s@]+$/`, `/^User uploaded .+ - \[[^\]]*\]$/s`, `/<[a-z][^>]*>/i`)
// backtrack quadratically on hostile text (`a@x.x.x.… `, `<a<a<a…`), and a vendor body is hostile
// text until proven otherwise. bench/run.ts feeds each 1 MB of such shapes.

/** `local@domain.tld`: one `@` with text before it, a dot inside the domain, no whitespace. */
function isEmail(value: string): boolean {
  const at = value.indexOf("@");
  if (at < 1 || value.includes("@", at + 1) || /\s/.test(value)) return false;
  const domain = value.slice(at + 1);
  return domain.lastIndexOf(".", domain.length - 2) >= 1;
}

/** The vendor's `User uploaded <name> - [<mime type>]`, the mime type without a `]`. */
function isUploadSentence(value: string): boolean {
  if (!value.startsWith(UPLOADED_PREFIX) || !value.endsWith("]")) return false;
  // The last ` - [` leaves the shortest mime type: if it holds a `]`, every earlier one does too.
  const open = value.lastIndexOf(" - [", value.length - 5);
  return open > UPLOADED_PREFIX.length && !value.slice(open + 4, -1).includes("]");
}

/** A `<tag` that some later `>` closes. */
function hasHtmlTag(value: string): boolean {
  const open = /<[a-z]/i.exec(value);
  return open !== null && value.includes(">", open.index + 2);
}

function redactString(value: string, key: string | undefined, depth: number): string {
  if (value === "") return "";
  const enumeration = key === undefined ? undefined : ENUMERATIONS[key];
  if (enumeration?.test(value)) return value;
  const format = timestampFormat(value);
  if (format.startsWith("YYYY")) return `<timestamp ${format}>`;
  if (UUID.test(value)) return "<uuid>";
  if (/^https?:\/\//i.test(value)) return "<url>";
  if (isEmail(value)) return "<email>";
  if (PHONE_OR_NUMBER.test(value)) return "<digits>";
  const trimmed = value.trim();
  if (depth < 4 && /^[[{]/.test(trimmed)) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (typeof parsed === "object" && parsed !== null)
        return `<json ${JSON.stringify(redactValue(parsed, undefined, depth + 1))}>`;
    } catch {
      // Not JSON: one of the kinds below.
    }
  }
  // The vendor's placeholder for an upload: its form is worth keeping, the file name is not.
  if (isUploadSentence(value))
    return "<upload sentence: User uploaded <file name> - [<mime type>]>";
  if (hasHtmlTag(value)) return "<html>";
  if (trimmed.startsWith("[") && trimmed.endsWith("]")) return "<bracketed list>";
  return "<string>";
}

/**
 * A value with its structure kept and its data replaced: `"<string>"`, `0`, `true`,
 * `"<timestamp YYYY-MM-DD HH:mm:ss.SSS+HHMM>"`, `"<uuid>"`, `"<url>"`, `"<email>"`,
 * `"<digits>"`, `"<html>"`, `"<json {…}>"` (a JSON string, itself redacted). Arrays keep their
 * distinct redacted items (at most 20), so that a page of messages shows each kind once.
 *
 * @example
 * ```ts
 * redactValue({ timestamp: "2026-08-01 20:51:14.250+0530", sender: "bot", response: "Hello Asha" });
 * // { timestamp: "<timestamp YYYY-MM-DD HH:mm:ss.SSS+HHMM>", sender: "bot", response: "<string>" }
 * ```
 */
export function redactValue(value: unknown, key?: string, depth = 0): unknown {
  if (value === null || value === undefined) return value;
  if (typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isInteger(value) ? 0 : 0.5;
  if (typeof value === "string") return redactString(value, key, depth);
  if (Array.isArray(value)) {
    const seen = new Set<string>();
    const items: unknown[] = [];
    for (const item of value) {
      const redacted = redactValue(item, undefined, depth + 1);
      const text = JSON.stringify(redacted);
      if (seen.has(text)) continue;
      seen.add(text);
      items.push(redacted);
      if (items.length >= MAX_ITEMS) break;
    }
    return items;
  }
  if (isRecord(value)) {
    const out: Record<string, unknown> = {};
    let hidden = 0;
    for (const [k, v] of Object.entries(value)) {
      // A key that is data (a map keyed by phone number) is hidden like a value.
      const safe = DATA_KEY.test(k) ? `<key ${++hidden}>` : k;
      out[safe] = redactValue(v, k, depth + 1);
    }
    return out;
  }
  return `<${typeof value}>`;
}

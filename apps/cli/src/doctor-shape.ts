/**
 * Describing bodies without showing them, for `mybot doctor`: the JSON types of each field, the
 * format of a timestamp with its digits replaced (`YYYY-MM-DD HH:mm:ss.SSS+HHMM`), and the order
 * a list of instants is in. Pure functions, so that what the doctor concludes can be tested on
 * fixtures of every shape.
 *
 * @module
 */
import type { HistoryOrder } from "@mybot/core";

export type JsonType = "string" | "number" | "boolean" | "null" | "object" | "array";

/**
 * @example
 * ```ts
 * jsonType([]); // "array"
 * ```
 */
export function jsonType(value: unknown): JsonType {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  const type = typeof value;
  return type === "string" || type === "number" || type === "boolean" ? type : "object";
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** One field of a list of objects: where it is, its JSON types, and in how many objects. */
export interface FieldSummary {
  /** `timestamp`, `file.url`, `attachments[]`, `attachments[].url`. */
  path: string;
  types: JsonType[];
  /** Objects holding the field. */
  present: number;
  /** Objects that could hold it (for `file.url`: the messages whose `file` is an object). */
  of: number;
}

/**
 * The fields of some objects, two levels deep (`file.url`, `attachments[].url`), in first-seen
 * order: deep enough for every shape seen, shallow enough to stay a readable table.
 *
 * @example
 * ```ts
 * summariseFields([{ a: 1, f: { url: "x" } }, { a: "1", f: null }]);
 * // [{ path: "a", types: ["number", "string"], present: 2, of: 2 }, { path: "f", … }, { path: "f.url", types: ["string"], present: 1, of: 1 }]
 * ```
 */
export function summariseFields(objects: readonly unknown[]): FieldSummary[] {
  const fields = new Map<string, { types: Set<JsonType>; present: number; of: number }>();
  const parents = new Map<string, number>();
  /** One more object holds `path`, with this value. */
  const seen = (path: string, value: unknown) => {
    let field = fields.get(path);
    if (!field) {
      field = { types: new Set(), present: 0, of: 0 };
      fields.set(path, field);
    }
    field.types.add(jsonType(value));
    field.present++;
  };
  const visit = (value: Record<string, unknown>, prefix: string, depth: number) => {
    parents.set(prefix, (parents.get(prefix) ?? 0) + 1);
    for (const [key, child] of Object.entries(value)) {
      if (child === undefined) continue;
      const path = `${prefix}${key}`;
      seen(path, child);
      if (depth >= 2) continue;
      if (isRecord(child)) visit(child, `${path}.`, depth + 1);
      else if (Array.isArray(child)) {
        const items = `${path}[]`;
        for (const item of child) {
          seen(items, item);
          if (isRecord(item)) visit(item, `${items}.`, depth + 1);
        }
      }
    }
  };
  for (const object of objects) if (isRecord(object)) visit(object, "", 0);
  // Nested paths right after their field (`file`, `file.url`), fields in first-seen order.
  const roots = [...fields.keys()].filter((p) => !/[.[]/.test(p));
  const rootOf = (path: string) => roots.indexOf(path.split(/[.[]/, 1)[0] as string);
  const ordered = [...fields].sort(([a], [b]) => rootOf(a) - rootOf(b));
  return ordered.map(([path, field]) => {
    const cut = path.endsWith("[]") ? path.length : path.lastIndexOf(".") + 1;
    const parent = path.endsWith("[]") ? undefined : path.slice(0, cut);
    return {
      path,
      types: [...field.types].sort(),
      present: field.present,
      of: parent === undefined ? field.present : (parents.get(parent) ?? field.present),
    };
  });
}

const DATE_TIME =
  /^(\d{4})([-/])(\d{2})\2(\d{2})([ T])(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * The format of a timestamp, its digits replaced: `YYYY-MM-DD HH:mm:ss.SSS+HHMM` for the
 * vendor's string, `number (epoch milliseconds)` for a number, `#` for each digit of a string
 * of an unknown form. Never the value itself.
 *
 * @example
 * ```ts
 * timestampFormat("2026-08-01 20:51:14.250+0530"); // "YYYY-MM-DD HH:mm:ss.SSS+HHMM"
 * timestampFormat(1785597674250); // "number (epoch milliseconds)"
 * timestampFormat("01/08/2026 20:51"); // "##/##/#### ##:##"
 * ```
 */
export function timestampFormat(value: unknown): string {
  if (typeof value === "number") {
    if (!Number.isInteger(value)) return "number (with a fraction)";
    if (value >= 1e11 && value < 1e14) return "number (epoch milliseconds)";
    if (value >= 1e8 && value < 1e11) return "number (epoch seconds?)";
    return "number";
  }
  if (typeof value !== "string") return jsonType(value);
  const match = DATE_TIME.exec(value);
  if (match) {
    const [, , sep, , , between, , , seconds, fraction, offset] = match;
    let format = `YYYY${sep}MM${sep}DD${between}HH:mm`;
    if (seconds !== undefined) format += ":ss";
    if (fraction !== undefined) format += `.${"S".repeat(fraction.length)}`;
    if (offset === "Z") format += "Z";
    else if (offset !== undefined)
      format += `${offset[0]}${offset.includes(":") ? "HH:MM" : "HHMM"}`;
    return format;
  }
  if (/^\d{1,20}$/.test(value)) return `string of ${value.length} digits`;
  const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  return `string like ${JSON.stringify(shown.replace(/\d/g, "#").replace(/\p{L}/gu, "a"))}`;
}

/** What the instants of one list show. */
export type ListOrder = HistoryOrder | "inconsistent" | undefined;

/**
 * The order of a list of instants, by every neighbouring pair: undefined when all are equal (or
 * fewer than two), `inconsistent` when they go both ways.
 *
 * @example
 * ```ts
 * orderOfTimes([3, 2, 2, 1]); // "newest-first"
 * orderOfTimes([1, 3, 2]); // "inconsistent"
 * ```
 */
export function orderOfTimes(times: readonly number[]): ListOrder {
  let up = false;
  let down = false;
  for (let i = 1; i < times.length; i++) {
    const a = times[i - 1] as number;
    const b = times[i] as number;
    if (b > a) up = true;
    else if (b < a) down = true;
  }
  if (up && down) return "inconsistent";
  if (up) return "oldest-first";
  if (down) return "newest-first";
  return undefined;
}

/** The order several lists (pages, and the step from one page to the next) agree on. */
export type ObservedOrder = HistoryOrder | "undetermined" | "inconsistent";

/**
 * @example
 * ```ts
 * combineOrders(["newest-first", undefined, "newest-first"]); // "newest-first"
 * combineOrders([undefined]); // "undetermined"
 * ```
 */
export function combineOrders(evidence: readonly ListOrder[]): ObservedOrder {
  const seen = new Set(evidence.filter((o) => o !== undefined));
  if (seen.size === 0) return "undetermined";
  if (seen.size > 1 || seen.has("inconsistent")) return "inconsistent";
  return [...seen][0] as HistoryOrder;
}

/**
 * Types of a field summary as one phrase.
 *
 * @example
 * ```ts
 * typesOf({ path: "file", types: ["null", "object"], present: 3, of: 3 }); // "null | object"
 * ```
 */
export function typesOf(field: FieldSummary): string {
  return field.types.join(" | ");
}

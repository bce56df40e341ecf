/**
 * The shape of the history body. The default is what a production integration observed from
 * the live vendor (shared/mybot-api/README.md): the list under `conversations`, newest first, no
 * message ids, no page metadata, string timestamps. Each part that is still unconfirmed can be
 * switched to its alternative, from the environment at start-up or through the admin API at run
 * time, so that every consumer can be tested against each possibility.
 *
 * @module
 */
import { SandboxConfigError } from "./config-error.ts";

/** The key of the message list. */
export type ListKey = "conversations" | "messages";
/** The order of pages, and of messages within a page. */
export type HistoryOrder = "newest-first" | "oldest-first";
/** `timestamp` as the vendor's string (`2026-08-01 20:51:14.250+0530`) or as epoch ms. */
export type TimestampFormat = "string" | "number";

/** How the history endpoint shapes its body. */
export interface HistoryShape {
  listKey: ListKey;
  order: HistoryOrder;
  /** Each message gets `"id": "<string>"`. */
  ids: boolean;
  /** The body gets `pagination: {pageNumber, pageSize, totalMessages, totalPages, hasNextPage}`. */
  pageMetadata: boolean;
  timestamps: TimestampFormat;
}

/** The observed shape. */
export const DEFAULT_HISTORY_SHAPE: Readonly<HistoryShape> = Object.freeze({
  listKey: "conversations",
  order: "newest-first",
  ids: false,
  pageMetadata: false,
  timestamps: "string",
});

/** A shape value that is not one of the allowed ones; `field` names it. */
export class ShapeError extends Error {
  override name = "ShapeError";
  constructor(
    readonly field: string,
    problem: string,
  ) {
    super(`shape.${field}: ${problem}`);
  }
}

const CHOICES = {
  listKey: ["conversations", "messages"],
  order: ["newest-first", "oldest-first"],
  timestamps: ["string", "number"],
} as const satisfies Partial<Record<keyof HistoryShape, readonly string[]>>;
const SWITCHES = ["ids", "pageMetadata"] as const;
const FIELDS: readonly (keyof HistoryShape)[] = [
  "listKey",
  "order",
  "ids",
  "pageMetadata",
  "timestamps",
];

/** The environment variable of each part. */
export const HISTORY_SHAPE_ENV: Readonly<Record<keyof HistoryShape, string>> = Object.freeze({
  listKey: "SANDBOX_LIST_KEY",
  order: "SANDBOX_ORDER",
  ids: "SANDBOX_MESSAGE_IDS",
  pageMetadata: "SANDBOX_PAGE_METADATA",
  timestamps: "SANDBOX_TIMESTAMPS",
});

/**
 * The start-up shape from `SANDBOX_LIST_KEY`, `SANDBOX_ORDER`, `SANDBOX_MESSAGE_IDS`,
 * `SANDBOX_PAGE_METADATA` and `SANDBOX_TIMESTAMPS`; an unset or empty variable keeps the default.
 * A value outside the documented ones is a {@link SandboxConfigError} naming the variable.
 *
 * @example
 * ```ts
 * shapeFromEnv({ SANDBOX_ORDER: "oldest-first", SANDBOX_MESSAGE_IDS: "on" });
 * // { listKey: "conversations", order: "oldest-first", ids: true, pageMetadata: false, timestamps: "string" }
 * ```
 */
export function shapeFromEnv(env: Record<string, string | undefined>): HistoryShape {
  const shape: HistoryShape = { ...DEFAULT_HISTORY_SHAPE };
  for (const [field, allowed] of Object.entries(CHOICES) as [
    keyof typeof CHOICES,
    readonly string[],
  ][]) {
    const name = HISTORY_SHAPE_ENV[field];
    const value = env[name];
    if (value === undefined || value === "") continue;
    if (!allowed.includes(value))
      throw new SandboxConfigError(`${name}: "${value}" is not one of ${allowed.join(", ")}`);
    (shape as unknown as Record<string, string>)[field] = value;
  }
  for (const field of SWITCHES) {
    const name = HISTORY_SHAPE_ENV[field];
    const value = env[name];
    if (value === undefined || value === "") continue;
    if (value !== "on" && value !== "off")
      throw new SandboxConfigError(`${name}: "${value}" is not one of on, off`);
    shape[field] = value === "on";
  }
  return shape;
}

/**
 * `current` with the fields of a partial shape (the admin API's `PUT /__admin/shape` body)
 * replaced. Strict: an unknown field or a bad value is a {@link ShapeError} naming the field.
 *
 * @example
 * ```ts
 * mergeShape(DEFAULT_HISTORY_SHAPE, { ids: true }).ids; // true
 * mergeShape(DEFAULT_HISTORY_SHAPE, { order: "sideways" }); // throws "shape.order: must be one of …"
 * ```
 */
export function mergeShape(current: HistoryShape, patch: unknown): HistoryShape {
  if (typeof patch !== "object" || patch === null || Array.isArray(patch))
    throw new ShapeError("$", "must be an object");
  const record = patch as Record<string, unknown>;
  for (const key of Object.keys(record))
    if (!(FIELDS as readonly string[]).includes(key))
      throw new ShapeError(key, `unknown field (expected one of ${FIELDS.join(", ")})`);
  const next: HistoryShape = { ...current };
  for (const [field, allowed] of Object.entries(CHOICES) as [
    keyof typeof CHOICES,
    readonly string[],
  ][]) {
    const value = record[field];
    if (value === undefined) continue;
    if (typeof value !== "string" || !allowed.includes(value))
      throw new ShapeError(field, `must be one of ${allowed.join(", ")}`);
    (next as unknown as Record<string, string>)[field] = value;
  }
  for (const field of SWITCHES) {
    const value = record[field];
    if (value === undefined) continue;
    if (typeof value !== "boolean") throw new ShapeError(field, "must be true or false");
    next[field] = value;
  }
  return next;
}

/** The shape in force, shared by the API (which reads it) and the admin API (which sets it). */
export interface ShapeSetting {
  get(): HistoryShape;
  set(shape: HistoryShape): void;
}

/**
 * @example
 * ```ts
 * const shape = createShapeSetting(shapeFromEnv(process.env));
 * shape.set(mergeShape(shape.get(), { order: "oldest-first" }));
 * ```
 */
export function createShapeSetting(initial: HistoryShape = DEFAULT_HISTORY_SHAPE): ShapeSetting {
  let current: HistoryShape = Object.freeze({ ...initial });
  return {
    get: () => current,
    set(shape) {
      current = Object.freeze({ ...shape });
    },
  };
}

/**
 * The sandbox's default history shape (the one observed from the live vendor), then each
 * unconfirmed part switched to its alternative on its own.
 */
export const HISTORY_SHAPE_VARIANTS: [string, HistoryShape][] = [
  ["the observed shape", { ...DEFAULT_HISTORY_SHAPE }],
  ["a `messages` list", { ...DEFAULT_HISTORY_SHAPE, listKey: "messages" }],
  ["oldest first", { ...DEFAULT_HISTORY_SHAPE, order: "oldest-first" }],
  ["message ids", { ...DEFAULT_HISTORY_SHAPE, ids: true }],
  ["page metadata", { ...DEFAULT_HISTORY_SHAPE, pageMetadata: true }],
  ["numeric timestamps", { ...DEFAULT_HISTORY_SHAPE, timestamps: "number" }],
];

/**
 * Keeps the API key out of logs and errors. The key is a bearer secret (vendor page section 2),
 * so every string that leaves the client through a log line or an error passes through here.
 *
 * @module
 */
import { createMyBotError, kindOf, type MyBotApiError } from "./errors.ts";

/** What replaces a secret. */
export const REDACTED = "[redacted]";

/**
 * Replaces every occurrence of each secret in `text`.
 *
 * @example
 * ```ts
 * redactSecrets("bad key abc-123", ["abc-123"]); // "bad key [redacted]"
 * ```
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join(REDACTED);
  }
  return out;
}

/** Headers whose whole value is a credential, whatever its name's spelling. */
const SECRET_HEADER =
  /^(authorization|proxy-authorization|cookie|set-cookie)$|api[-_]?key|token|secret/i;

/**
 * A copy of request headers fit for a log: credential headers lose their value (an
 * `Authorization` keeps its scheme, when it has one), and every occurrence of a known secret is
 * replaced in the others.
 *
 * @example
 * ```ts
 * redactHeaders(new Headers({ Authorization: "Basic abc" })); // { authorization: "Basic [redacted]" }
 * ```
 */
export function redactHeaders(
  headers: Headers,
  secrets: readonly string[] = [],
): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    if (!SECRET_HEADER.test(name)) out[name] = redactSecrets(value, secrets);
    else {
      // "Basic <key>" keeps "Basic"; a bare token keeps nothing.
      const scheme = /^([A-Za-z][\w-]*) +\S/.exec(value)?.[1];
      out[name] = scheme ? `${scheme} ${REDACTED}` : REDACTED;
    }
  });
  return out;
}

/** Deep enough for any cause chain a fetch builds; past it, a value counts as holding a secret. */
const MAX_DEPTH = 16;

const ERROR_CLASSES: readonly ErrorConstructor[] = [
  TypeError,
  SyntaxError,
  RangeError,
  ReferenceError,
  EvalError,
  URIError,
];

const isPlain = (value: object) => {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
};

/** True when any string reachable in `value` (keys, messages, stacks, causes) holds a secret. */
function holdsSecret(
  value: unknown,
  secrets: readonly string[],
  depth: number,
  seen: WeakSet<object>,
): boolean {
  if (typeof value === "string") return secrets.some((s) => value.includes(s));
  if (typeof value !== "object" || value === null) return false;
  // Each object once: a cause graph with cycles or shared parts stays linear.
  if (seen.has(value)) return false;
  seen.add(value);
  if (depth > MAX_DEPTH) return true;
  const inner = (v: unknown) => holdsSecret(v, secrets, depth + 1, seen);
  const entry = ([key, v]: [unknown, unknown]) => inner(key) || inner(v);
  if (value instanceof Error) {
    if ([value.name, value.message, value.stack].some(inner) || inner(value.cause)) return true;
    // Not enumerable, yet util.inspect prints it.
    if (value instanceof AggregateError && inner(value.errors)) return true;
  } else if (value instanceof Headers || value instanceof Map) {
    return [...value].some(entry);
  } else if (value instanceof Set) {
    return [...value].some(inner);
  } else if (value instanceof Request || value instanceof Response) {
    return inner(value.url) || inner(value.headers);
  } else if (!Array.isArray(value) && !isPlain(value)) {
    return false;
  }
  return Object.entries(value).some(entry);
}

/**
 * What a log needs of a request or a response, its URL redacted: util.inspect would print its
 * headers, the key among them, and its body cannot be read without consuming it.
 */
function describe(value: Request | Response, secrets: readonly string[]): Record<string, string> {
  const url = redactSecrets(value.url, secrets);
  if (value instanceof Request) return { request: `${value.method} ${url}` };
  return { response: url === "" ? String(value.status) : `${value.status} ${url}` };
}

/**
 * `value` with every occurrence of each secret replaced, wherever it sits: strings, arrays,
 * plain objects, `Map`s and `Set`s (keys too), errors (message, stack, own fields, `cause`, an
 * `AggregateError`'s `errors`; rebuilt as the same built-in class, or `Error` with the same
 * `name`), `Headers` (a copy, credential headers emptied as in {@link redactHeaders}), and a
 * `Request` or `Response` (replaced by `{ request: "GET <url>" }` or `{ response: "401 <url>" }`,
 * the URL redacted). A value that holds no secret comes back as it is, so that a caller's own
 * abort reason is still the same object. Cycles are kept as cycles of the copies; what lies
 * deeper than any real cause chain is replaced whole. Instances of other classes pass through
 * unread: neither the client nor fetch puts one in a cause chain that could hold the key.
 *
 * @example
 * ```ts
 * redactDeep(new TypeError("fetch failed", { cause: new Error("key abc-123") }), ["abc-123"]);
 * // a TypeError whose cause says "key [redacted]"
 * ```
 */
export function redactDeep<T>(value: T, secrets: readonly string[]): T {
  const keys = secrets.filter((s) => s.length >= 4);
  if (keys.length === 0 || !holdsSecret(value, keys, 0, new WeakSet())) return value;
  const copies = new Map<object, unknown>();
  const copy = (v: unknown, depth: number): unknown => {
    if (typeof v === "string") return redactSecrets(v, keys);
    if (typeof v !== "object" || v === null) return v;
    if (copies.has(v)) return copies.get(v);
    if (depth > MAX_DEPTH) return REDACTED;
    if (Array.isArray(v)) {
      const out: unknown[] = [];
      copies.set(v, out);
      for (const item of v) out.push(copy(item, depth + 1));
      return out;
    }
    if (v instanceof Headers) {
      const out = new Headers(redactHeaders(v, keys));
      copies.set(v, out);
      return out;
    }
    if (v instanceof Request || v instanceof Response) {
      const out = describe(v, keys);
      copies.set(v, out);
      return out;
    }
    if (v instanceof Map) {
      const out = new Map<unknown, unknown>();
      copies.set(v, out);
      for (const [key, item] of v) out.set(copy(key, depth + 1), copy(item, depth + 1));
      return out;
    }
    if (v instanceof Set) {
      const out = new Set<unknown>();
      copies.set(v, out);
      for (const item of v) out.add(copy(item, depth + 1));
      return out;
    }
    let out: Record<string, unknown>;
    if (v instanceof Error) {
      const message = redactSecrets(String(v.message), keys);
      const Class = ERROR_CLASSES.find((c) => v.constructor === c) ?? Error;
      const error =
        v.constructor === AggregateError ? new AggregateError([], message) : new Class(message);
      copies.set(v, error);
      if (error.name !== v.name) error.name = redactSecrets(String(v.name), keys);
      error.stack = v.stack === undefined ? undefined : redactSecrets(v.stack, keys);
      // Not enumerable, as `new Error(message, { cause })` makes it.
      if (v.cause !== undefined)
        Object.defineProperty(error, "cause", {
          value: copy(v.cause, depth + 1),
          writable: true,
          configurable: true,
        });
      if (v instanceof AggregateError)
        Object.defineProperty(error, "errors", {
          value: copy(v.errors, depth + 1),
          writable: true,
          configurable: true,
        });
      out = error as unknown as Record<string, unknown>;
    } else if (isPlain(v)) {
      out = {};
      copies.set(v, out);
    } else {
      return v;
    }
    for (const [key, item] of Object.entries(v))
      out[redactSecrets(key, keys)] = copy(item, depth + 1);
    return out;
  };
  return copy(value, 0) as T;
}

/**
 * `error` itself when nothing in it holds a secret, else the same kind of error with every
 * secret replaced in its message, fields, body and cause chain.
 *
 * @example
 * ```ts
 * throw redactError(error, [apiKey]);
 * ```
 */
export function redactError(error: MyBotApiError, secrets: readonly string[]): MyBotApiError {
  // Each field redacted once: the copies say whether any held a secret, and build the new error.
  const redacted = {
    message: redactDeep(error.message, secrets),
    stack: redactDeep(error.stack, secrets),
    errorName: redactDeep(error.errorName, secrets),
    details: redactDeep(error.details, secrets),
    requestId: redactDeep(error.requestId, secrets),
    body: redactDeep(error.body, secrets),
    cause: redactDeep(error.cause, secrets),
  };
  const same = (Object.keys(redacted) as (keyof typeof redacted)[]).every(
    (field) => redacted[field] === error[field],
  );
  if (same) return error;
  const copy = createMyBotError({
    kind: kindOf(error),
    message: redacted.message,
    status: error.status,
    code: error.code,
    errorName: redacted.errorName,
    details: redacted.details,
    requestId: redacted.requestId,
    rateLimit: error.rateLimit,
    attempts: error.attempts,
    body: redacted.body,
    cause: redacted.cause,
  });
  copy.stack = redacted.stack;
  return copy;
}

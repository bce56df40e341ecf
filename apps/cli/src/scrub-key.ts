/**
 * The last guard on what the CLI prints: the API key, should any error or log line quote it.
 * The CLI refuses a key with control characters before it is used (config.ts), but an error
 * thrown elsewhere (a header the runtime refuses, a stack under `--debug`, a URL) may hold the
 * key as it was, or cut at a line break, JSON-escaped or percent-encoded; each of those forms is
 * replaced. The one scrub of the CLI: the doctor's sample passes its secrets (the key and the
 * ids it was given) through it too.
 *
 * @module
 */

/** Pieces shorter than this are too common to be the key's (and to replace safely). */
const MIN_PIECE = 4;
/** Enough pieces for any real key; a hostile one does not make the scrub quadratic. */
const MAX_PIECES = 8;

function formsOf(key: string): string[] {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the pieces between control characters.
  const pieces = key.split(/[\u0000-\u001f\u007f]+/).filter((p) => p.length >= MIN_PIECE);
  // The percent-encoded form is the one the core redacts too (a key in a URL or its error).
  const forms = new Set([
    key,
    JSON.stringify(key).slice(1, -1),
    encodeURIComponent(key),
    ...pieces,
  ]);
  return [...forms]
    .filter((f) => f.length >= MIN_PIECE)
    .sort((a, b) => b.length - a.length)
    .slice(0, MAX_PIECES);
}

/**
 * `text` with every form of each key (or other secret) replaced by `<redacted>`.
 *
 * @example
 * ```ts
 * scrubKey("Invalid header value: Basic abcd-1234\r\nX", ["abcd-1234\r\nX"]); // "Invalid header value: Basic <redacted>"
 * ```
 */
export function scrubKey(text: string, keys: readonly (string | undefined)[]): string {
  let out = text;
  for (const key of keys) {
    if (!key) continue;
    for (const form of formsOf(key)) out = out.split(form).join("<redacted>");
  }
  return out;
}

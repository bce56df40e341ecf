/**
 * Text safe for Slack's mrkdwn (https://api.slack.com/reference/surfaces/formatting#escaping):
 * chat text is written by a bot's end users, anyone on the internet, so every string from MyBOT
 * or from a command is escaped before it reaches a reply. mrkdwn has no escape for its formatting
 * characters, so in prose they become look-alikes; in code spans (ids, commands to paste) only
 * what would end the span or make a link changes. Every transform here is linear in its input.
 *
 * @module
 */
import { maskPersonalData } from "./mask.ts";
import { WHITE_SPACE } from "./white-space.ts";

/** `&` first: the entities brought in by the others must not be escaped again. */
const ENTITIES: [string, string][] = [
  ["&", "&amp;"],
  ["<", "&lt;"],
  [">", "&gt;"],
];
/** mrkdwn has no escape for formatting: look-alikes that mean nothing to it. */
const LOOK_ALIKES: [string, string][] = [
  ["*", "∗"],
  ["_", "ˍ"],
  ["~", "∼"],
];
const BACKTICK: [string, string] = ["`", "ˋ"];
const PING = /@(?=channel|here|everyone)/gi;

/**
 * Each `from` swapped for its `to`. `split`/`join` rather than a regex with a callback: one native
 * pass per character kind, the fastest way found to escape a megabyte of nothing but specials.
 */
function swap(text: string, pairs: [string, string][]): string {
  let out = text;
  for (const [from, to] of pairs) if (out.includes(from)) out = out.split(from).join(to);
  return out;
}

/**
 * Escapes chat text for mrkdwn prose: `&`, `<`, `>` as entities (no link, no `<!here>`),
 * `*_~` and backticks as look-alikes (no formatting), and `@channel`, `@here`, `@everyone`
 * broken by an invisible joiner (no ping).
 *
 * Not only entities, then: the result shows like the text but is not the same characters
 * (`*` is U+2217 `∗`, `_` U+02CD `ˍ`, `~` U+223C `∼`, a backtick U+02CB `ˋ`, and a U+2060 word
 * joiner follows the `@` of a ping), so it cannot be un-escaped back to the text: it is for
 * reading, not for text to paste or compare (in a code span only `&<>` and the backtick need it).
 *
 * @example
 * ```ts
 * escapeMrkdwn("<!channel> & *co*"); // "&lt;!channel&gt; &amp; ∗co∗"
 * ```
 */
export function escapeMrkdwn(text: string): string {
  const out = swap(escapeCode(text), LOOK_ALIKES);
  return out.includes("@") ? out.replace(PING, "@\u2060") : out;
}

/**
 * Escapes text for an inline code span, where Slack formats nothing: only `&`, `<`, `>` (still
 * parsed there) and the backtick that would end the span change, so an id can be pasted back.
 *
 * @example
 * ```ts
 * escapeCode("web_1 <x>`"); // "web_1 &lt;x&gt;ˋ"
 * ```
 */
export function escapeCode(text: string): string {
  return swap(text, [...ENTITIES, BACKTICK]);
}

/** Only `&`, `<` and `>`: for a link's URL, where a look-alike would change the address. */
function escapeEntities(text: string): string {
  return swap(text, ENTITIES);
}

/**
 * Cuts text to `max` characters with a `…`, never inside an escape such as `&amp;` (a cut one
 * would show as garbage) nor between the halves of a surrogate pair. Linear in `max` at most.
 *
 * @example
 * ```ts
 * clip("a &amp; b", 5); // "a …"
 * ```
 */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max < 1) return "";
  let end = max - 1;
  // An entity is `&` and at most 3 lowercase letters before its `;`.
  for (let i = end - 1; i >= 0 && i >= end - 4; i--) {
    const c = text.charCodeAt(i);
    if (c === 38) {
      end = i;
      break;
    }
    if (c < 97 || c > 122) break;
  }
  // A high surrogate at the cut is half a pair (or a lone half, garbage either way).
  while (end > 0 && text.charCodeAt(end - 1) >= 0xd800 && text.charCodeAt(end - 1) <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

/**
 * Data for mrkdwn prose: masked when asked, escaped and cut to `max`. Only the part that can be
 * shown is escaped, so the cost does not grow with escapes beyond `max`; masking sees the whole
 * text (cutting first could leave half an email unrecognised).
 *
 * @example
 * ```ts
 * prose("Asha <asha@example.com>", 100, true); // "Asha &lt;a•••@example.com&gt;"
 * ```
 */
export function prose(text: string, max: number, mask = false): string {
  const data = mask ? maskPersonalData(text) : text;
  return clip(escapeMrkdwn(data.slice(0, max + 1)), max);
}

/**
 * Data for an inline code span, escaped ({@link escapeCode}) and cut to `max`, backticks
 * included.
 *
 * @example
 * ```ts
 * code("919812345678", 100); // "`919812345678`"
 * ```
 */
export function code(text: string, max: number): string {
  return `\`${clip(escapeCode(unbroken(text.slice(0, max - 1))), max - 2)}\``;
}

/**
 * Data for an inline code span shown whole ({@link escapeCode}), or undefined when it would not
 * fit in `max` characters once escaped, backticks included: text to paste back (an id, a command)
 * is worth nothing cut, and escaping can make `&<>` five times longer.
 *
 * @example
 * ```ts
 * wholeCode("a&b", 10); // "`a&amp;b`"
 * wholeCode("&".repeat(3), 10); // undefined
 * ```
 */
export function wholeCode(text: string, max: number): string | undefined {
  // Escaping never shortens: too long as it is, too long escaped (and not worth escaping).
  if (text.length + 2 > max) return undefined;
  const escaped = escapeCode(unbroken(text));
  return escaped.length + 2 <= max ? `\`${escaped}\`` : undefined;
}

/** A code span cannot hold a line break: such text is shown (not pasted) on one line. */
const unbroken = (text: string) => text.replace(/[\r\n\u2028\u2029]/g, " ");

/**
 * Text on one line: runs of white space (line breaks included) as one space, none at the ends,
 * as `text.replace(/\s+/g, " ").trim()` but in native passes (`split`/`join`), as fast on a
 * megabyte of one-word lines as on one line.
 *
 * @example
 * ```ts
 * oneLine(" a \n\n b "); // "a b"
 * ```
 */
export function oneLine(text: string): string {
  let out = text.trim();
  for (const space of WHITE_SPACE)
    if (space !== " " && out.includes(space)) out = out.split(space).join(" ");
  // Each pass halves every run of spaces.
  while (out.includes("  ")) out = out.split("  ").join(" ");
  return out;
}

/** Whatever a lying server put in a field, as text. */
export const asText = (value: unknown): string =>
  typeof value === "string" ? value : String(value ?? "");

/** The longest URL (escaped) shown as a link: a link cannot be cut, so it must fit a section. */
export const MAX_LINK_CHARS = 1500;

/**
 * A Slack link `<url|label>` to an http(s) URL, both escaped; undefined when the URL is not one
 * that can be shown as a link (another scheme, spaces, or too long to fit a section).
 *
 * @example
 * ```ts
 * slackLink("javascript:alert(1)", "x"); // undefined
 * slackLink("https://files.example/invoice.pdf", "invoice.pdf"); // "<https://files.example/invoice.pdf|invoice.pdf>"
 * ```
 */
export function slackLink(url: string, label: string): string | undefined {
  if (url.length > MAX_LINK_CHARS || !/^https?:\/\/\S+$/i.test(url)) return undefined;
  // `|` ends the URL part of a link, `<>` delimit it and a backtick could open a code span: in the
  // URL they are percent-encoded (as a browser would send them anyway), in the label `|` is
  // swapped for a look-alike.
  const href = escapeEntities(
    url.replaceAll("|", "%7C").replaceAll("<", "%3C").replaceAll(">", "%3E").replaceAll("`", "%60"),
  );
  if (href.length > MAX_LINK_CHARS) return undefined;
  return `<${href}|${escapeMrkdwn(label.replaceAll("|", "¦"))}>`;
}

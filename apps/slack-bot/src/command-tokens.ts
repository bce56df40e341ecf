/**
 * Words of a command: split on white space, "double quoted" parts kept together. A quoted word
 * is kept exactly as typed (no phone normalisation), so {@link commandToken} quotes any id that
 * would otherwise be read differently.
 *
 * @module
 */
import { normaliseUserId } from "./phone.ts";
import { isSpace } from "./white-space.ts";

/** The words, and for each whether any part of it was in quotes. */
export interface Words {
  tokens: string[];
  quoted: boolean[];
}

/**
 * {@link tokenize}, telling which words had quotes. Text is copied in slices, never a character
 * at a time, so the time is linear in the length whatever the text holds.
 *
 * @example
 * ```ts
 * words('history "+91 98123 45678"'); // { tokens: ["history", "+91 98123 45678"], quoted: [false, true] }
 * ```
 */
export function words(text: string): Words | undefined {
  const tokens: string[] = [];
  const quoted: boolean[] = [];
  // Most words are one piece: kept as a slice, with an array only once a quote splits one.
  let first = "";
  let rest: string[] | undefined;
  let started = false;
  let hadQuote = false;
  const add = (piece: string) => {
    if (!started) first = piece;
    else if (rest) rest.push(piece);
    else rest = [first, piece];
    started = true;
  };
  const end = () => {
    tokens.push(rest ? rest.join("") : first);
    quoted.push(hadQuote);
    rest = undefined;
    started = false;
    hadQuote = false;
  };
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      hadQuote = true;
      add("");
      let from = i + 1;
      for (;;) {
        const quote = text.indexOf('"', from);
        if (quote === -1) return undefined;
        // Inside quotes the only escape is `\"`: the character before a quote decides.
        if (quote > from && text.charCodeAt(quote - 1) === 92) {
          if (quote - 1 > from) add(text.slice(from, quote - 1));
          add('"');
          from = quote + 1;
          continue;
        }
        add(text.slice(from, quote));
        i = quote + 1;
        break;
      }
    } else if (isSpace(c)) {
      if (started) end();
      i++;
    } else {
      let stop = i + 1;
      while (stop < text.length && !isSpace(text.charCodeAt(stop)) && text.charCodeAt(stop) !== 34)
        stop++;
      add(text.slice(i, stop));
      i = stop;
    }
  }
  if (started) end();
  return { tokens, quoted };
}

/**
 * Splits on spaces, keeping "double quoted" parts (with \" escapes) together; undefined when a
 * quote is not closed.
 *
 * @example
 * ```ts
 * tokenize('users name="Asha \\"A\\" Rao"'); // ["users", 'name=Asha "A" Rao']
 * ```
 */
export function tokenize(text: string): string[] | undefined {
  return words(text)?.tokens;
}

/**
 * A token {@link tokenize} reads back as it is: quoted when it is empty, holds a space or a quote,
 * or reads as a phone number (which unquoted would be normalised). Inside quotes only `\"` is an
 * escape, so trailing backslashes go after the closing quote (outside quotes a backslash is
 * plain), where they cannot swallow it.
 *
 * @example
 * ```ts
 * commandToken("web visitor"); // '"web visitor"'
 * commandToken("+919812345678"); // '"+919812345678"'
 * ```
 */
export function commandToken(text: string): string {
  if (text !== "" && !/[\s"]/.test(text) && normaliseUserId(text) === text) return text;
  // Counted by hand: `/\\+$/` tries every start in a run of backslashes, quadratic in its length.
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 92) end--;
  const body = text.slice(0, end);
  return `"${body.split('"').join('\\"')}"${text.slice(end)}`;
}

/**
 * The user id that `parts` (one or more words) spell: one quoted word as typed; otherwise the
 * words joined by spaces and normalised as a phone number ({@link normaliseUserId}). Several
 * words that do not read as one phone number are undefined: a mistake, not an id with spaces.
 *
 * @example
 * ```ts
 * userIdOf({ tokens: ["+91", "98123", "45678"], quoted: [false, false, false] }); // "919812345678"
 * ```
 */
export function userIdOf(parts: Words): string | undefined {
  const [first] = parts.tokens;
  if (first === undefined) return undefined;
  if (parts.tokens.length === 1) return parts.quoted[0] ? first : normaliseUserId(first);
  if (parts.quoted.some(Boolean)) return undefined;
  const typed = parts.tokens.join(" ");
  const id = normaliseUserId(typed);
  return id === typed ? undefined : id;
}

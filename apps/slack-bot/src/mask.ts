/**
 * Masking personal data (emails, phone numbers) in chat text. Chat text is written by anyone on
 * the internet, so both masks are hand-written scans that look at each character a bounded number
 * of times: a regex with a `+` before `@` backtracks quadratically on a long run without one, and
 * a few such messages would stall every other command's 3-second acknowledgement.
 *
 * @module
 */

const isDigit = (c: number) => c >= 48 && c <= 57;
const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
/** `[A-Za-z0-9.-]`: a domain's characters. */
const isDomain = (c: number) => isLetter(c) || isDigit(c) || c === 46 || c === 45;
/** `[A-Za-z0-9._%+-]`: an email's local part. */
const isLocal = (c: number) => isDomain(c) || c === 95 || c === 37 || c === 43;
/** `[\d ()-]`: what a phone number is written with after its first digit. */
const isPhone = (c: number) => isDigit(c) || c === 32 || c === 40 || c === 41 || c === 45;

/**
 * Where a domain starting at `from` ends (`[A-Za-z0-9.-]+\.[A-Za-z]{2,}`, greedy), or -1: at the
 * last `.` of the run followed by two letters or more, through those letters.
 */
function domainEnd(text: string, from: number): number {
  let run = from;
  while (run < text.length && isDomain(text.charCodeAt(run))) run++;
  for (let dot = run - 3; dot > from; dot--) {
    if (
      text.charCodeAt(dot) === 46 &&
      isLetter(text.charCodeAt(dot + 1)) &&
      isLetter(text.charCodeAt(dot + 2))
    ) {
      let end = dot + 3;
      while (end < run && isLetter(text.charCodeAt(end))) end++;
      return end;
    }
  }
  return -1;
}

/** `a•••@example.com` for each email; each character is visited at most three times. */
function maskEmails(text: string): string {
  const parts: string[] = [];
  let from = 0;
  for (let at = text.indexOf("@"); at !== -1; at = text.indexOf("@", Math.max(at + 1, from))) {
    // A local part is the run before this `@`: runs end at an `@`, so no two walks overlap.
    let start = at;
    while (start > from && isLocal(text.charCodeAt(start - 1))) start--;
    if (start === at) continue;
    const end = domainEnd(text, at + 1);
    if (end === -1) continue;
    parts.push(text.slice(from, start), text[start] as string, "•••@", text.slice(at + 1, end));
    from = end;
  }
  if (from === 0) return text;
  parts.push(text.slice(from));
  return parts.join("");
}

/**
 * The last three digits of `text` from `start` to `end`, and how many digits there are, counted
 * back from the end and only up to `enough`: one pass over the end of the text, no copy of it.
 */
function lastDigits(
  text: string,
  start: number,
  end: number,
  enough: number,
): { tail: string; digits: number } {
  let tail = "";
  let digits = 0;
  for (let i = end - 1; i >= start && digits < enough; i--) {
    if (!isDigit(text.charCodeAt(i))) continue;
    if (digits < 3) tail = text[i] + tail;
    digits++;
  }
  return { tail, digits };
}

/**
 * `•••678` for each phone-like number (`\+?\d[\d ()-]{6,}\d` with 8 digits or more). A start that
 * fails fails for the rest of its run too (same last digit, closer to it), so the scan skips it.
 */
function maskPhones(text: string): string {
  const parts: string[] = [];
  let from = 0;
  let i = 0;
  while (i < text.length) {
    const plus = text.charCodeAt(i) === 43 && isDigit(text.charCodeAt(i + 1));
    const first = plus ? i + 1 : i;
    if (!isDigit(text.charCodeAt(first))) {
      i++;
      continue;
    }
    let run = first + 1;
    while (run < text.length && isPhone(text.charCodeAt(run))) run++;
    let last = run - 1;
    while (!isDigit(text.charCodeAt(last))) last--;
    if (last - first < 7) {
      i = run;
      continue;
    }
    // 8 digits are enough to decide.
    const { tail, digits } = lastDigits(text, first, last + 1, 8);
    if (digits >= 8) {
      parts.push(text.slice(from, i), `•••${tail}`);
      from = last + 1;
    }
    i = last + 1;
  }
  if (from === 0) return text;
  parts.push(text.slice(from));
  return parts.join("");
}

/**
 * Hides the local part of emails and all but the last 3 digits of phone-like numbers, in time
 * linear in the text's length.
 *
 * @example
 * ```ts
 * maskPersonalData("asha.rao@example.com, +91 98123 45678"); // "a•••@example.com, •••678"
 * ```
 */
export function maskPersonalData(text: string): string {
  return maskPhones(maskEmails(text));
}

/**
 * Words of an attribute name whose whole value is contact data, whatever it looks like; `no`,
 * `number`, `address`… may follow in the same word (`phoneno`, `emailaddress`).
 */
const EMAIL_WORD = /^e?mail(?:addr|address|id)?$/;
const PHONE_WORD =
  /^(?:phone|mobile|tel|telephone|cell|cellphone|msisdn|whatsapp)(?:no|num|number)?$/;
/** Words by case too: `userEmail`, `HOMEPhone`, `email2`. */
const CASED_WORD = /\p{Lu}+(?!\p{Ll})|\p{Lu}?\p{Ll}+|\p{N}+/gu;

/**
 * What an attribute's name says its value is. The name is read as words, split at anything but
 * letters and digits, and also at case changes (`WhatsApp` is one word, `userEmail` two), and
 * only a whole word counts: `cell` is not in `cancellation`, nor `mail` in `voicemail`.
 */
function contactKind(name: string): "email" | "phone" | undefined {
  const key = name.slice(0, 64);
  const words = [
    ...key.toLowerCase().split(/[^\p{L}\p{N}]+/u),
    ...Array.from(key.matchAll(CASED_WORD), (m) => m[0].toLowerCase()),
  ];
  if (words.some((w) => EMAIL_WORD.test(w))) return "email";
  if (words.some((w) => PHONE_WORD.test(w))) return "phone";
  return undefined;
}

/**
 * An attribute's value with its personal data hidden: the whole value of an email or phone
 * attribute (by name, since `a@localhost` or `12345` escape the text patterns), the emails and
 * phone numbers of any other.
 *
 * @example
 * ```ts
 * maskAttribute("email", "asha@localhost"); // "a•••@localhost"
 * maskAttribute("phone", "12345"); // "•••345"
 * maskAttribute("plan", "gold"); // "gold"
 * ```
 */
export function maskAttribute(name: string, value: string): string {
  const kind = contactKind(name);
  if (kind === "email") {
    const at = value.lastIndexOf("@");
    const first = String.fromCodePoint(value.codePointAt(0) ?? 0x2022);
    return at > 0 ? `${first}•••${maskPersonalData(value.slice(at))}` : "•••";
  }
  if (kind === "phone") {
    const { tail, digits } = lastDigits(value, 0, value.length, 4);
    return digits > 3 ? `•••${tail}` : "•••";
  }
  return maskPersonalData(value);
}

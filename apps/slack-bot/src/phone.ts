/**
 * A user id as typed, read as MyBOT's channel user id: on WhatsApp and SMS that is the phone
 * number in international form, digits only (`919812345678`), and agents type numbers as people
 * write them. Only what is clearly a phone number written out is rewritten; every other id (a
 * web visitor's `web-42`, a numeric `1234-5678`, plain digits) is kept exactly as typed, since
 * rewriting a real id would look up somebody else.
 *
 * The rule, one of three forms, made only of digits, spaces, `-`, `.` and parentheses:
 * - a leading `+` (or `(+`): 7 to 15 digits, the `+` and separators dropped;
 * - a leading `00` (the international prefix written out) and 10 to 15 digits after it;
 * - digit groups with at least one separator, 10 to 15 digits in all (a number with its
 *   country code; fewer is more likely an id like `1234-5678` than a phone number).
 *
 * @module
 */

/** Phone characters: digits, the separators people write between them, and a leading `+`. */
const PHONE = /^\(?\+?[\d\s().-]+$/;
const SEPARATOR = /[\s().-]/;
/** E.164 numbers have at most 15 digits. */
const MAX_DIGITS = 15;
const MIN_PLUS_DIGITS = 7;
const MIN_WRITTEN_DIGITS = 10;

const within = (digits: string, min: number) => digits.length >= min && digits.length <= MAX_DIGITS;

/**
 * The channel user id for what an agent typed: a phone number in a typed form as its digits;
 * anything else unchanged (see the module's rule).
 *
 * @example
 * ```ts
 * normaliseUserId("+91 98123 45678"); // "919812345678"
 * normaliseUserId("(+91) 98123 45678"); // "919812345678"
 * normaliseUserId("0091-98123-45678"); // "919812345678"
 * normaliseUserId("1234-5678"); // "1234-5678"
 * normaliseUserId("web-visitor-42"); // "web-visitor-42"
 * ```
 */
export function normaliseUserId(typed: string): string {
  const text = typed.trim();
  if (!PHONE.test(text)) return typed;
  const digits = text.replace(/\D/g, "");
  if (text.includes("+")) return within(digits, MIN_PLUS_DIGITS) ? digits : typed;
  if (text.startsWith("00"))
    return within(digits.slice(2), MIN_WRITTEN_DIGITS) ? digits.slice(2) : typed;
  return SEPARATOR.test(text) && within(digits, MIN_WRITTEN_DIGITS) ? digits : typed;
}

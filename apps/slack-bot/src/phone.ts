/**
 * A user id as typed, read as MyBOT's channel user id: on WhatsApp and SMS that is the phone
 * number in international form, digits only (`919812345678`), and agents type numbers as people
 * write them. Anything that is not a phone number (a web visitor's id) is kept as typed.
 *
 * @module
 */

/** Phone characters: digits and the separators people write between them. */
const PHONE = /^(?:\+|00)?[\d\s().-]+$/;
/** E.164 numbers have at most 15 digits; fewer than 6 is a short code or a typo, not a number. */
const MIN_DIGITS = 6;
const MAX_DIGITS = 15;

/**
 * The channel user id for what an agent typed: a phone number in any common form (spaces,
 * dashes, dots, parentheses, a leading `+` or `00`) as digits; any other id unchanged.
 *
 * @example
 * ```ts
 * normaliseUserId("+91 98123 45678"); // "919812345678"
 * normaliseUserId("0091-98123-45678"); // "919812345678"
 * normaliseUserId("web-visitor-42"); // "web-visitor-42"
 * ```
 */
export function normaliseUserId(typed: string): string {
  const text = typed.trim();
  if (!PHONE.test(text)) return typed;
  let digits = text.replace(/\D/g, "");
  // `00` is the international prefix written out; a `+` is dropped with the separators.
  if (!text.startsWith("+") && text.replace(/[\s().-]/g, "").startsWith("00"))
    digits = digits.slice(2);
  return digits.length >= MIN_DIGITS && digits.length <= MAX_DIGITS ? digits : typed;
}

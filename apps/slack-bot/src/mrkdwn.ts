/**
 * Text safe for Slack's mrkdwn (https://api.slack.com/reference/surfaces/formatting#escaping):
 * chat text is written by a bot's end users, anyone on the internet, so every string from MyBOT
 * is escaped before it reaches a reply, and personal data can be masked on the way.
 *
 * @module
 */

/**
 * Escapes the three characters Slack's mrkdwn gives meaning to.
 *
 * @example
 * ```ts
 * escapeMrkdwn("<!channel> & co"); // "&lt;!channel&gt; &amp; co"
 * ```
 */
export function escapeMrkdwn(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

/**
 * Hides the local part of emails and all but the last 3 digits of phone-like numbers.
 *
 * @example
 * ```ts
 * maskPersonalData("asha.rao@example.com, +91 98123 45678"); // "a•••@example.com, •••678"
 * ```
 */
export function maskPersonalData(text: string): string {
  return text
    .replace(/([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\.[A-Za-z]{2,})/g, "$1•••@$2")
    .replace(/\+?\d[\d ()-]{6,}\d/g, (phone) => {
      const digits = phone.replace(/\D/g, "");
      return digits.length >= 8 ? `•••${digits.slice(-3)}` : phone;
    });
}

/**
 * Cuts text to `max` characters with a `…`, never inside an escape such as `&amp;` (a cut one
 * would show as garbage) nor between the halves of a surrogate pair.
 *
 * @example
 * ```ts
 * clip("a &amp; b", 5); // "a …"
 * ```
 */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max - 1);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut.replace(/&[a-z]{0,3}$/, "")}…`;
}

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
  if (!/^https?:\/\/\S+$/i.test(url)) return undefined;
  // `|` ends the URL part of a link and `<>` delimit it: in the URL they are percent-encoded
  // (as a browser would send them anyway), in the label `|` is swapped for a look-alike.
  const href = escapeMrkdwn(
    url.replaceAll("|", "%7C").replaceAll("<", "%3C").replaceAll(">", "%3E"),
  );
  if (href.length > MAX_LINK_CHARS) return undefined;
  return `<${href}|${escapeMrkdwn(label.replaceAll("|", "¦"))}>`;
}

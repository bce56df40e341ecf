/**
 * What Slack would reject or render as someone else's markup, for the tests: the limits of
 * https://api.slack.com/reference/block-kit/blocks for the blocks the app sends (section,
 * context), and escaping (no `<`, `>` but the app's own links, no `&` but entities).
 *
 * @module
 */

export const LIMITS = { blocks: 50, sectionText: 3000, contextElements: 10, contextText: 3000 };

/** The app's own links, `<http(s)://…|label>`, with nothing raw inside; the label captured. */
export const OWN_LINK = /<https?:\/\/[^\s<>|]+\|([^<>|]*)>/gi;
const ENTITY = /&(?:amp|lt|gt);/g;

interface TextObject {
  type?: unknown;
  text?: unknown;
  verbatim?: unknown;
}

function textProblems(where: string, object: TextObject | undefined, max: number): string[] {
  if (!object || typeof object.text !== "string") return [`${where}: no text`];
  const problems: string[] = [];
  const text = object.text;
  if (object.type !== "mrkdwn" && object.type !== "plain_text")
    problems.push(`${where}: text type ${String(object.type)}`);
  if (text.trim() === "") problems.push(`${where}: empty text`);
  if (text.length > max) problems.push(`${where}: ${text.length} characters (max ${max})`);
  if (object.type === "mrkdwn") {
    if (object.verbatim !== true) problems.push(`${where}: not verbatim`);
    const bare = text.replace(OWN_LINK, "");
    if (/[<>]/.test(bare)) problems.push(`${where}: raw < or > outside the app's links`);
    if (/&/.test(bare.replace(ENTITY, ""))) problems.push(`${where}: & not part of an entity`);
  }
  // A high surrogate right before the cut mark: clipping split a pair.
  if (/[\uD800-\uDBFF]…/.test(text)) problems.push(`${where}: a surrogate pair cut in two`);
  return problems;
}

/**
 * Every reason Slack would refuse `reply` (empty when none).
 *
 * @example
 * ```ts
 * expect(blockKitProblems(formatText("hi"))).toEqual([]);
 * ```
 */
export function blockKitProblems(reply: { text?: unknown; blocks?: unknown[] }): string[] {
  const problems: string[] = [];
  if (typeof reply.text !== "string" || reply.text.trim() === "") problems.push("text: empty");
  else if (reply.text.length > LIMITS.sectionText) problems.push("text: too long");
  const blocks = reply.blocks ?? [];
  if (blocks.length === 0) problems.push("no blocks");
  if (blocks.length > LIMITS.blocks) problems.push(`${blocks.length} blocks (max 50)`);
  blocks.forEach((block, i) => {
    const b = block as { type?: unknown; text?: TextObject; elements?: TextObject[] };
    if (b.type === "section")
      problems.push(...textProblems(`block ${i}`, b.text, LIMITS.sectionText));
    else if (b.type === "context") {
      const elements = b.elements ?? [];
      if (elements.length === 0 || elements.length > LIMITS.contextElements)
        problems.push(`block ${i}: ${elements.length} context elements`);
      for (const [j, e] of elements.entries())
        problems.push(...textProblems(`block ${i}.${j}`, e, LIMITS.contextText));
    } else problems.push(`block ${i}: unexpected type ${String(b.type)}`);
  });
  return problems;
}

/** The mrkdwn texts of a reply's blocks, in order. */
export function blockTexts(reply: { blocks?: unknown[] }): string[] {
  return (reply.blocks ?? []).map((block) => {
    const b = block as { text?: { text: string }; elements?: { text: string }[] };
    return b.text?.text ?? b.elements?.map((e) => e.text).join("\n") ?? "";
  });
}

/**
 * What Slack would reject or render as someone else's markup, for the tests: the limits of
 * https://api.slack.com/reference/block-kit/blocks for the blocks the app sends (section,
 * context, actions of buttons), and escaping (no `<`, `>` but the app's own links, no `&` but entities).
 *
 * @module
 */

export const LIMITS = {
  blocks: 50,
  sectionText: 3000,
  contextElements: 10,
  contextText: 3000,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
};

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
    } else if (b.type === "actions") problems.push(...buttonProblems(`block ${i}`, b.elements));
    else problems.push(`block ${i}: unexpected type ${String(b.type)}`);
  });
  const ids = blocks.flatMap((block) => {
    const b = block as { type?: unknown; elements?: { action_id?: unknown }[] };
    return b.type === "actions" ? (b.elements ?? []).map((e) => e.action_id) : [];
  });
  if (new Set(ids).size !== ids.length) problems.push("action ids not unique");
  return problems;
}

/** An actions block of buttons: https://api.slack.com/reference/block-kit/block-elements#button */
function buttonProblems(where: string, elements: unknown[] | undefined): string[] {
  const list = (elements ?? []) as {
    type?: unknown;
    text?: { type?: unknown; text?: unknown };
    action_id?: unknown;
    value?: unknown;
  }[];
  const problems: string[] = [];
  if (list.length === 0 || list.length > LIMITS.actionsElements)
    problems.push(`${where}: ${list.length} actions elements`);
  for (const [j, e] of list.entries()) {
    const at = `${where}.${j}`;
    if (e.type !== "button") problems.push(`${at}: not a button`);
    const text = e.text?.text;
    if (e.text?.type !== "plain_text") problems.push(`${at}: button text not plain_text`);
    if (typeof text !== "string" || text.trim() === "") problems.push(`${at}: empty button text`);
    else if (text.length > LIMITS.buttonText) problems.push(`${at}: button text too long`);
    if (
      typeof e.action_id !== "string" ||
      e.action_id === "" ||
      e.action_id.length > LIMITS.actionId
    )
      problems.push(`${at}: bad action_id`);
    if (typeof e.value !== "string" || e.value.length > LIMITS.buttonValue)
      problems.push(`${at}: value missing or over ${LIMITS.buttonValue} characters`);
  }
  return problems;
}

/** The mrkdwn texts of a reply's blocks, in order (an actions block: its buttons' labels). */
export function blockTexts(reply: { blocks?: unknown[] }): string[] {
  return (reply.blocks ?? []).map((block) => {
    const b = block as { type?: string; text?: { text: string }; elements?: { text: unknown }[] };
    if (b.type === "actions")
      return (b.elements ?? []).map((e) => (e.text as { text: string }).text).join("\n");
    return b.text?.text ?? b.elements?.map((e) => e.text).join("\n") ?? "";
  });
}

/** The buttons of a reply: action id, label and value, in order. */
export function buttonsOf(reply: {
  blocks?: unknown[];
}): { id: string; text: string; value: string }[] {
  return (reply.blocks ?? []).flatMap((block) => {
    const b = block as { type?: string; elements?: Record<string, unknown>[] };
    if (b.type !== "actions") return [];
    return (b.elements ?? []).map((e) => ({
      id: String(e.action_id),
      text: String((e.text as { text: string }).text),
      value: String(e.value),
    }));
  });
}

/**
 * The Block Kit `actions` block of a reply's buttons. Every button of the app does the same thing,
 * show the history page its value names ({@link encodeButtonValue}), so the action id only tells
 * the buttons of one message apart (Slack wants them unique) and marks them as the app's own.
 *
 * @module
 */

/** Action ids start with this; a `block_actions` payload with any other is not ours. */
export const ACTION_PREFIX = "mybot_";
export const ACTION_IDS = {
  older: "mybot_older",
  newer: "mybot_newer",
  transcript: "mybot_transcript",
} as const;

/** Slack's limits: a button's text (plain text) and how many elements an actions block holds. */
export const MAX_BUTTON_TEXT_CHARS = 75;
export const MAX_ACTIONS = 25;

export interface Button {
  actionId: (typeof ACTION_IDS)[keyof typeof ACTION_IDS];
  text: string;
  value: string;
}

/**
 * The actions block, or undefined when there is no button (Slack rejects an empty one).
 *
 * @example
 * ```ts
 * actionsBlock([{ actionId: ACTION_IDS.older, text: "Older", value }]);
 * ```
 */
export function actionsBlock(buttons: (Button | undefined)[]): unknown | undefined {
  const present = buttons.filter((b): b is Button => b !== undefined).slice(0, MAX_ACTIONS);
  if (present.length === 0) return undefined;
  return {
    type: "actions",
    block_id: "mybot_paging",
    elements: present.map((b) => ({
      type: "button",
      action_id: b.actionId,
      text: { type: "plain_text", text: b.text.slice(0, MAX_BUTTON_TEXT_CHARS), emoji: true },
      value: b.value,
    })),
  };
}

/** True for the action ids of {@link ACTION_IDS}. */
export const isOurAction = (actionId: unknown): boolean =>
  typeof actionId === "string" &&
  Object.values(ACTION_IDS).includes(actionId as Button["actionId"]);

/**
 * `name=value` arguments: the CLI's `--attribute plan=gold` and the Slack app's `users plan=gold`.
 *
 * @module
 */

/**
 * Cuts at the first `=`, so the value may hold more; `undefined` when either side is empty.
 * Each app words its own refusal, as each has its own syntax around the pair.
 *
 * @example
 * ```ts
 * splitNameValue("plan=gold"); // { name: "plan", value: "gold" }
 * splitNameValue("note=a=b"); // { name: "note", value: "a=b" }
 * splitNameValue("=gold"); // undefined
 * ```
 */
export function splitNameValue(
  text: string | undefined,
): { name: string; value: string } | undefined {
  const eq = text?.indexOf("=") ?? -1;
  if (!text || eq <= 0 || eq === text.length - 1) return undefined;
  return { name: text.slice(0, eq), value: text.slice(eq + 1) };
}

/**
 * Every @mybot/core error, and every refused button value, as one plain sentence for a support
 * agent: no stack, no status codes to decode, never the key (core errors never hold it).
 *
 * @module
 */
import {
  isMyBotApiError,
  MyBotAuthError,
  MyBotBadRequestError,
  MyBotConnectionError,
  MyBotNotFoundError,
  MyBotRateLimitError,
  MyBotServerError,
  MyBotTimeoutError,
} from "@mybot/core";
import type { ButtonValueProblem } from "./button-value.ts";

/**
 * @example
 * ```ts
 * errorSentence(err); // "MyBOT is slow to answer right now; try again in a minute."
 * ```
 */
export function errorSentence(error: unknown): string {
  if (!isMyBotApiError(error))
    return "Something went wrong on our side; the lookup did not finish.";
  if (error instanceof MyBotBadRequestError) {
    if (error.code === 1002)
      return "MyBOT does not know that user (or this bot). Check the user id: `/mybot users …` lists them.";
    if (error.code === 1003) return "MyBOT rejected the dates: `since` must be before `until`.";
    if (error.code === 1004) return "MyBOT rejected the page number: pages start at 1.";
    return "MyBOT rejected the request as invalid. Check the command with `/mybot help`.";
  }
  if (error instanceof MyBotAuthError)
    return error.status === 403
      ? "MyBOT refused our key for this bot. An admin needs to check the app's MyBOT credentials."
      : "MyBOT rejected our API key (revoked or replaced?). An admin needs to update it.";
  if (error instanceof MyBotNotFoundError)
    return "MyBOT does not know this customer or bot. An admin needs to check the app's configuration.";
  if (error instanceof MyBotRateLimitError)
    return "MyBOT is rate limiting us; try again in a minute.";
  if (error instanceof MyBotTimeoutError)
    return "MyBOT is slow to answer right now; try again in a minute.";
  if (error instanceof MyBotServerError || error instanceof MyBotConnectionError)
    return "MyBOT is down or unreachable right now; try again in a few minutes.";
  return "MyBOT sent an answer we could not read; try again, and tell an admin if it keeps happening.";
}

/**
 * What the person who pressed a button is told when its value is refused.
 *
 * @example
 * ```ts
 * buttonProblemSentence("stale", "/mybot"); // "This button is too old to use…"
 * ```
 */
export function buttonProblemSentence(problem: ButtonValueProblem, command: string): string {
  switch (problem) {
    case "stale":
      return `This button is too old to use (a week at most, or made by an earlier version of the app). Run \`${command} history …\` again for fresh ones.`;
    case "tampered":
      return `This button's value was changed on the way (or the app's signing secret changed since), so it was not used. Run \`${command} history …\` again.`;
    default:
      return `This button's value could not be read, so it was not used. Run \`${command} history …\` again.`;
  }
}

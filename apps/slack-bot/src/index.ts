/**
 * @mybot/slack-bot: `/mybot` slash-command lookups of MyBOT users and transcripts.
 *
 * @module
 */
export {
  createSlackBot,
  EVENTS_PATH,
  MAX_BODY_BYTES,
  type SlackBot,
  type SlackBotDeps,
} from "./app.ts";
export { type Command, parseCommand, parseTime } from "./command.ts";
export { loadConfig, type SlackBotConfig, SlackBotConfigError } from "./config.ts";
export { errorSentence } from "./error-sentence.ts";
export { escapeMrkdwn, formatHistory, formatUsers, maskPersonalData } from "./format.ts";
export { createResponder } from "./response-url.ts";
export { checkSignature, signRequest } from "./signature.ts";

/**
 * @mybot/slack-bot: `/mybot` slash-command lookups of MyBOT users and transcripts.
 *
 * @module
 */
export {
  createSlackBot,
  ENVELOPE_TYPES,
  type EnvelopeType,
  EVENTS_PATH,
  isEnvelopeType,
  MAX_BODY_BYTES,
  MAX_PAYLOAD_BODY_BYTES,
  type SlackBot,
  type SlackBotDeps,
} from "./app.ts";
export {
  type ButtonValueProblem,
  decodeButtonValue,
  encodeButtonValue,
  type HistoryTarget,
} from "./button-value.ts";
export { ACTION_IDS } from "./buttons.ts";
export {
  type Command,
  formatHistoryCommand,
  type HistoryCommand,
  parseCommand,
} from "./command.ts";
export { loadConfig, type SlackBotConfig, SlackBotConfigError } from "./config.ts";
export { errorSentence } from "./error-sentence.ts";
export { formatHistory, formatUsers } from "./format.ts";
export { renderMessage } from "./format-message.ts";
export { maskPersonalData } from "./mask.ts";
export { escapeMrkdwn } from "./mrkdwn.ts";
export { createResponder } from "./response-url.ts";
export { checkSignature, signRequest } from "./signature.ts";
export {
  type SocketModeClient,
  type SocketModeOptions,
  startSocketMode,
} from "./socket-mode.ts";
export type { Dispatch } from "./socket-mode-acks.ts";
export { SocketModeFatalError } from "./socket-mode-open.ts";

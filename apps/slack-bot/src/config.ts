/**
 * The app's configuration, from the environment. Mistakes are reported by variable name, and
 * the app refuses to start without a signing secret, unless it runs in Socket Mode (with
 * `SLACK_APP_TOKEN`), where the app token authenticates the socket instead.
 *
 * @module
 */
import { createHash } from "node:crypto";
import { portFromEnv } from "@mybot/runtime";

export interface SlackBotConfig {
  signingSecret: string;
  command: string;
  port: number;
  /**
   * Who may run lookups, `users` and `history` alike (`SLACK_ALLOWED_USERS`, `…_CHANNELS`): both
   * show personal data. Empty: nobody.
   */
  allowedUsers: Set<string>;
  allowedChannels: Set<string>;
  allowInChannel: boolean;
  maskPersonalData: boolean;
  responseUrlHosts: string[];
  /** Socket Mode's app-level token (`SLACK_APP_TOKEN`, `xapp-…`); HTTP mode without it. */
  appToken?: string | undefined;
  /** Slack's Web API base, ending in `/` (`SLACK_API_URL`), for `apps.connections.open`. */
  slackApiUrl: string;
  /** The users attribute a user card searches with the id, e.g. `phone` (`SLACK_USER_CARD_ATTRIBUTE`). */
  userCardAttribute?: string | undefined;
  mybot: {
    baseUrl: string;
    apiKey: string;
    customerId: string;
    botKey: string;
    timeoutMs: number;
    totalTimeoutMs: number;
  };
}

export class SlackBotConfigError extends Error {
  override name = "SlackBotConfigError";
}

const list = (value: string | undefined) =>
  (value ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

function flag(env: Record<string, string | undefined>, name: string, fallback: boolean): boolean {
  const value = env[name]?.trim().toLowerCase();
  if (value === undefined || value === "") return fallback;
  if (["1", "true", "yes", "on"].includes(value)) return true;
  if (["0", "false", "no", "off"].includes(value)) return false;
  throw new SlackBotConfigError(`${name} must be true or false, not "${env[name]}"`);
}

function whole(
  env: Record<string, string | undefined>,
  name: string,
  fallback: number,
  min = 1,
): number {
  const value = env[name];
  if (value === undefined || value === "") return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw new SlackBotConfigError(
      `${name} must be a whole number of at least ${min}, not "${value}"`,
    );
  return n;
}

/**
 * @example
 * ```ts
 * const config = loadConfig(process.env);
 * ```
 */
export function loadConfig(env: Record<string, string | undefined>): SlackBotConfig {
  const appToken = env.SLACK_APP_TOKEN?.trim() || undefined;
  // Never echoed: even a mistyped token is a secret.
  if (appToken !== undefined && !/^xapp-[\w-]+$/.test(appToken))
    throw new SlackBotConfigError(
      "SLACK_APP_TOKEN must be an app-level token starting with xapp- (Slack app settings → Basic Information → App-Level Tokens); a bot token (xoxb-) cannot open a socket",
    );
  const slackApiUrl = env.SLACK_API_URL?.trim() || "https://slack.com/api/";
  if (!/^https?:\/\/[^\s/]+(\/\S*)?$/.test(slackApiUrl))
    throw new SlackBotConfigError(`SLACK_API_URL must be an http(s) URL, not "${slackApiUrl}"`);
  // In Socket Mode the secret only keys the buttons' values (no HTTP is served): without one,
  // a key derived from the app token keeps them valid across restarts.
  const signingSecret =
    env.SLACK_SIGNING_SECRET?.trim() ||
    (appToken &&
      createHash("sha256").update(`mybot slack-bot button values\n${appToken}`).digest("hex"));
  if (!signingSecret) {
    throw new SlackBotConfigError(
      "SLACK_SIGNING_SECRET is required: without it anyone could send commands (Slack app settings → Basic Information → Signing Secret)",
    );
  }
  const missing = ["MYBOT_API_KEY", "MYBOT_CUSTOMER_ID", "MYBOT_BOT_KEY"].filter(
    (name) => !env[name]?.trim(),
  );
  if (missing.length) throw new SlackBotConfigError(`${missing.join(", ")} must be set`);
  const command = env.SLACK_COMMAND?.trim() || "/mybot";
  if (!/^\/[\w-]{1,31}$/.test(command))
    throw new SlackBotConfigError(`SLACK_COMMAND must look like /mybot, not "${command}"`);
  const baseUrl = env.MYBOT_BASE_URL?.trim() || "https://api.engati.com";
  try {
    new URL(baseUrl);
  } catch {
    throw new SlackBotConfigError(`MYBOT_BASE_URL must be an absolute URL, not "${baseUrl}"`);
  }
  return {
    signingSecret,
    command,
    port: portFromEnv(env, 3000, "PORT", (message) => {
      throw new SlackBotConfigError(message);
    }),
    allowedUsers: new Set(list(env.SLACK_ALLOWED_USERS)),
    allowedChannels: new Set(list(env.SLACK_ALLOWED_CHANNELS)),
    allowInChannel: flag(env, "SLACK_ALLOW_IN_CHANNEL", false),
    maskPersonalData: flag(env, "SLACK_MASK_PII", true),
    responseUrlHosts: list(env.SLACK_RESPONSE_URL_HOSTS),
    appToken,
    slackApiUrl: slackApiUrl.endsWith("/") ? slackApiUrl : `${slackApiUrl}/`,
    userCardAttribute: env.SLACK_USER_CARD_ATTRIBUTE?.trim() || undefined,
    mybot: {
      baseUrl,
      apiKey: env.MYBOT_API_KEY?.trim() as string,
      customerId: env.MYBOT_CUSTOMER_ID?.trim() as string,
      botKey: env.MYBOT_BOT_KEY?.trim() as string,
      timeoutMs: whole(env, "MYBOT_TIMEOUT_MS", 10_000),
      totalTimeoutMs: whole(env, "MYBOT_TOTAL_TIMEOUT_MS", 25_000),
    },
  };
}

/**
 * Where the CLI's MyBOT settings come from, strongest first: flags, the environment, then a
 * `.env` file in the working directory (read by @mybot/runtime). The same `MYBOT_*` names as the
 * apps and the sandbox.
 *
 * @module
 */
import { readDotEnv } from "@mybot/runtime";

export class UsageError extends Error {
  override name = "UsageError";
}

/**
 * Refuses an API key with a control character (a CR, LF or NUL pasted along with it): sent in a
 * header it would fail, or split the request, with the key in the error. The message names the
 * setting, never the value.
 *
 * @example
 * ```ts
 * checkApiKey("5b2c…-AbC1234"); // returns it
 * checkApiKey("5b2c…\r\nX: y"); // throws UsageError naming MYBOT_API_KEY
 * ```
 */
export function checkApiKey(key: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it looks for.
  if (/[\u0000-\u001f\u007f]/.test(key))
    throw new UsageError(
      "MYBOT_API_KEY (or --api-key) holds a control character, such as a line break: set it to the key alone",
    );
  return key;
}

/** Refuses a base URL that is not http(s); the value is not repeated, as it may hold credentials. */
function checkBaseUrl(baseUrl: string): string {
  let url: URL | undefined;
  try {
    url = new URL(baseUrl);
  } catch {
    url = undefined;
  }
  if (url?.protocol !== "http:" && url?.protocol !== "https:")
    throw new UsageError(
      "MYBOT_BASE_URL (or --base-url) is not an http(s) URL: set it like https://api.engati.com",
    );
  return baseUrl;
}

export interface MyBotSettings {
  baseUrl: string;
  apiKey: string;
  customerId: string;
  botKey: string;
}

/**
 * @example
 * ```ts
 * resolveSettings({ "base-url": "http://127.0.0.1:4010" }, process.env, process.cwd());
 * ```
 */
export function resolveSettings(
  flags: Record<string, string | boolean | undefined>,
  env: Record<string, string | undefined>,
  cwd: string,
): MyBotSettings {
  const dotEnv = readDotEnv(cwd);
  const pick = (flag: string, name: string) => {
    const fromFlag = flags[flag];
    return (typeof fromFlag === "string" ? fromFlag : undefined) ?? env[name] ?? dotEnv[name];
  };
  const settings = {
    baseUrl: pick("base-url", "MYBOT_BASE_URL") ?? "https://api.engati.com",
    apiKey: pick("api-key", "MYBOT_API_KEY"),
    customerId: pick("customer-id", "MYBOT_CUSTOMER_ID"),
    botKey: pick("bot-key", "MYBOT_BOT_KEY"),
  };
  const missing = [
    ["MYBOT_API_KEY", "--api-key", settings.apiKey],
    ["MYBOT_CUSTOMER_ID", "--customer-id", settings.customerId],
    ["MYBOT_BOT_KEY", "--bot-key", settings.botKey],
  ].filter(([, , value]) => !value);
  if (missing.length) {
    const names = missing.map(([name, flag]) => `${name} (or ${flag})`).join(", ");
    throw new UsageError(`missing ${names}: set it in the environment, in .env, or as a flag`);
  }
  checkApiKey(settings.apiKey as string);
  checkBaseUrl(settings.baseUrl);
  return settings as MyBotSettings;
}

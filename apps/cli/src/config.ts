/**
 * Where the CLI's MyBOT settings come from, strongest first: flags, the environment, then a
 * `.env` file in the working directory. The same `MYBOT_*` names as the apps and the sandbox.
 *
 * @module
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

export class UsageError extends Error {
  override name = "UsageError";
}

/** `KEY=value` lines; `#` comments, optional `export `, and single or double quotes. */
export function parseDotEnv(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!match) continue;
    let value = (match[2] as string).trim();
    if (/^(['"]).*\1$/.test(value)) value = value.slice(1, -1);
    else value = value.replace(/\s+#.*$/, "");
    out[match[1] as string] = value;
  }
  return out;
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
  const dotEnvPath = join(cwd, ".env");
  const dotEnv = existsSync(dotEnvPath) ? parseDotEnv(readFileSync(dotEnvPath, "utf8")) : {};
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
  return settings as MyBotSettings;
}

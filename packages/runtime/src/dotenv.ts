/**
 * `.env` files: `KEY=value` lines, read by the CLI and the stack. A linear scan: the regexes it
 * replaced were quadratic on long runs of spaces (dotenv.test.ts keeps the cases).
 *
 * @module
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * Cuts an unquoted value at its first ` #` comment. A scan rather than `/\s+#.*$/`, which
 * retries its `\s+` from every space of a long run of spaces: quadratic. A `#` that starts the
 * value is part of it (`KEY=#abc # note` is `#abc`), as it was with that regex.
 */
function withoutComment(value: string): string {
  for (let i = value.indexOf("#", 1); i > 0; i = value.indexOf("#", i + 1)) {
    if (/\s/.test(value[i - 1] as string)) return value.slice(0, i).trimEnd();
  }
  return value;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * `KEY=value` lines; `#` comments, optional `export `, and single or double quotes. Name and
 * value are cut at the first `=` and trimmed, not matched by `\s*=\s*(.*)$`: `.` stops at a lone
 * CR or U+2028 inside a line, and the failed match then backtracks through every split of the
 * spaces around `=`, quadratic in their number. Such a character stays in the value (the CLI
 * then refuses an API key holding one, by name).
 *
 * @example
 * ```ts
 * parseDotEnv("export MYBOT_API_KEY = abc # mine\n"); // { MYBOT_API_KEY: "abc" }
 * ```
 */
export function parseDotEnv(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    let line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    if (/^export\s/.test(line)) line = line.slice("export".length).trimStart();
    const eq = line.indexOf("=");
    if (eq === -1) continue;
    const name = line.slice(0, eq).trim();
    if (!NAME.test(name)) continue;
    let value = line.slice(eq + 1).trim();
    const quote = value[0];
    if (value.length >= 2 && (quote === "'" || quote === '"') && value.endsWith(quote))
      value = value.slice(1, -1);
    else value = withoutComment(value);
    out[name] = value;
  }
  return out;
}

/**
 * The `.env` file in `dir`, parsed; `{}` when there is none.
 *
 * @example
 * ```ts
 * const env = { ...readDotEnv(process.cwd()), ...process.env }; // the environment wins
 * ```
 */
export function readDotEnv(dir: string): Record<string, string> {
  const path = join(dir, ".env");
  return existsSync(path) ? parseDotEnv(readFileSync(path, "utf8")) : {};
}

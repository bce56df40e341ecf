/**
 * `mybot`: the command line over @mybot/core. Errors read as one sentence with an exit code per
 * kind (src/exit-codes.ts); a stack trace only with `--debug`.
 *
 * @module
 */
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { createMyBotClient, isMyBotApiError, VERSION } from "@mybot/core";
import { splitNameValue } from "@mybot/runtime";
import { resolveSettings, UsageError } from "./config.ts";
import { runDoctor } from "./doctor.ts";
import { buildSample, DEFAULT_SAMPLE, renderDoctorReport } from "./doctor-report.ts";
import { EXIT, errorKind, exitCodeOf } from "./exit-codes.ts";
import { DEFAULT_CONCURRENCY, exportCohort, MAX_CONCURRENCY } from "./export.ts";
import { checkFormat, formatUsers, messageWriter } from "./format.ts";
import { createProgressBar } from "./progress-bar.ts";
import { runSandbox } from "./sandbox.ts";
import { scrubKey } from "./scrub-key.ts";
import { jsonForTerminal, safeForTerminal } from "./terminal-text.ts";
import { parseWhen } from "./time.ts";

export interface Io {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  env: Record<string, string | undefined>;
  cwd: string;
  signal?: AbortSignal;
}

export const USAGE = `usage: mybot <command> [options]

  users   --attribute <name>=<value> [--format table|json|ndjson|csv]
  history <user id> [--since 7d|24h|<date>] [--until …] [--format table|json|ndjson|csv]
  export  --attribute <name>=<value> --out <file.ndjson> [--since …] [--until …] [--force] [--restart]
          [--concurrency 4]
  doctor  [--user <user id>] [--attribute <name>=<value>] [--sample <file.json>] [--format text|json]
  sandbox [--port 4010] [--db ./.data/sandbox.db]

history and export: messages oldest first, each once; --page-size 1…1000 (default 500).
doctor: asks MyBOT what it sends and whether the toolkit reads it (exit 7 when not); writes a
redacted sample (default ./mybot-doctor-sample.json) to share.
export: run the same command again to resume after any stop; --restart discards the checkpoint
and the output and starts over. --concurrency 1…${MAX_CONCURRENCY} users read at once (default ${DEFAULT_CONCURRENCY}), written in
the cohort's order.

MyBOT settings: --base-url, --api-key, --customer-id, --bot-key, or MYBOT_BASE_URL, MYBOT_API_KEY,
MYBOT_CUSTOMER_ID, MYBOT_BOT_KEY in the environment or in ./.env. --debug shows stack traces.`;

const COMMON = {
  "base-url": { type: "string" },
  "api-key": { type: "string" },
  "customer-id": { type: "string" },
  "bot-key": { type: "string" },
  format: { type: "string" },
  debug: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

function attribute(value: string | undefined): { name: string; value: string } {
  const pair = splitNameValue(value);
  if (!pair)
    throw new UsageError(
      `--attribute needs <name>=<value>, such as plan=gold${value ? `, not "${value}"` : ""}`,
    );
  return pair;
}

/** The value of `--flag value` or `--flag=value` in argv, if any. */
function flagValue(argv: string[], flag: string): string | undefined {
  const at = argv.indexOf(flag);
  if (at !== -1) return argv[at + 1];
  return argv.find((a) => a.startsWith(`${flag}=`))?.slice(flag.length + 1);
}

/** `--page-size`: the vendor's page size, 1 to 1000 (its default, 500, when absent). */
function pageSize(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const size = /^\d{1,4}$/.test(value) ? Number(value) : Number.NaN;
  if (!(size >= 1 && size <= 1000))
    throw new UsageError(`--page-size "${value}": give a whole number from 1 to 1000`);
  return size;
}

/** `--concurrency`: users read at once, 1 to MAX_CONCURRENCY (the export's default when absent). */
function concurrency(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = /^\d{1,3}$/.test(value) ? Number(value) : Number.NaN;
  if (!(n >= 1 && n <= MAX_CONCURRENCY))
    throw new UsageError(
      `--concurrency "${value}": give a whole number from 1 to ${MAX_CONCURRENCY}`,
    );
  return n;
}

/**
 * Runs one command line; resolves with the exit code.
 *
 * @example
 * ```ts
 * process.exitCode = await main(["users", "--attribute", "plan=gold"], { stdout, stderr, env, cwd });
 * ```
 */
export async function main(argv: string[], realIo: Io): Promise<number> {
  const debug = argv.includes("--debug");
  const [command, ...rest] = argv;
  // Every line the CLI writes passes here: data from MyBOT (in a table, an error's details, the
  // doctor's report) cannot drive the terminal, and the API key, whatever it holds, is never
  // shown. JSON and NDJSON are already escaped (format.ts), CSV is kept exact but on a terminal.
  const keys = [realIo.env.MYBOT_API_KEY, flagValue(argv, "--api-key")];
  // The sandbox's demo key is public (`mybot sandbox` prints it, and says so): never hidden.
  const publicKeys = new Set<string>();
  const toTerminal = (text: string) =>
    safeForTerminal(
      scrubKey(
        text,
        keys.filter((k) => k === undefined || !publicKeys.has(k)),
      ),
    );
  const io: Io = {
    ...realIo,
    stdout: {
      isTTY: realIo.stdout.isTTY,
      // Piped, stdout is the data (CSV, JSON, NDJSON) kept exact: no line of it comes from the
      // key or an error (those go to stderr), and replacing a message's text that happens to
      // hold it would silently change the data. A terminal gets the guard, as a screen is seen.
      write: (text) => realIo.stdout.write(realIo.stdout.isTTY ? toTerminal(text) : text),
    },
    stderr: { isTTY: realIo.stderr.isTTY, write: (text) => realIo.stderr.write(toTerminal(text)) },
  };
  try {
    if (!command || command === "help" || command === "--help" || command === "-h") {
      io.stdout.write(`${USAGE}\n`);
      return EXIT.ok;
    }
    if (command === "--version" || command === "version") {
      io.stdout.write(`mybot ${VERSION}\n`);
      return EXIT.ok;
    }
    const parse = <T extends Record<string, { type: "string" | "boolean"; short?: string }>>(
      options: T,
    ) => {
      try {
        return parseArgs({
          args: rest,
          options: { ...COMMON, ...options },
          allowPositionals: true,
          strict: true,
        });
      } catch (error) {
        throw new UsageError((error as Error).message.replace(/\. To specify.*$/, ""));
      }
    };
    const settingsFor = (values: Record<string, string | boolean | undefined>) => {
      const settings = resolveSettings(values, io.env, io.cwd);
      keys.push(settings.apiKey);
      return settings;
    };
    const clientFor = (values: Record<string, string | boolean | undefined>) =>
      createMyBotClient({
        ...settingsFor(values),
        userAgent: `mybot-cli/${VERSION}`,
        // The client's lines (retries, by default) go where the CLI's own messages go.
        logger: {
          error: (line) => io.stderr.write(`${line}\n`),
          warn: (line) => io.stderr.write(`${line}\n`),
          info: (line) => io.stderr.write(`${line}\n`),
          debug: (line) => io.stderr.write(`${line}\n`),
        },
      });
    const now = Date.now();

    switch (command) {
      case "users": {
        const { values, positionals } = parse({ attribute: { type: "string" } });
        if (positionals.length)
          throw new UsageError(
            `unexpected "${positionals[0]}"; users takes --attribute <name>=<value>`,
          );
        const format = checkFormat(values.format, "table");
        const { name, value } = attribute(values.attribute);
        const users = await clientFor(values).getMatchingUsers({
          attributeName: name,
          attributeValue: value,
          signal: io.signal,
        });
        io.stdout.write(`${formatUsers(users, format)}\n`);
        return EXIT.ok;
      }
      case "history": {
        const { values, positionals } = parse({
          since: { type: "string" },
          until: { type: "string" },
          "page-size": { type: "string" },
        });
        const [id, extra] = positionals;
        if (!id) throw new UsageError("history needs a user id: mybot history <user id>");
        if (extra) throw new UsageError(`unexpected "${extra}" after the user id`);
        const format = checkFormat(values.format, "table");
        const since = parseWhen("since", values.since, now);
        const until = parseWhen("until", values.until, now);
        if (since !== undefined && until !== undefined && since >= until)
          throw new UsageError("--since must be before --until");
        const size = pageSize(values["page-size"]);
        const writer = messageWriter(format, (text) => io.stdout.write(text));
        // Oldest first whatever the server's order, in a window whose end the core pins.
        for await (const m of clientFor(values).iterateChatHistory(id, {
          startDate: since,
          endDate: until,
          pageSize: size,
          signal: io.signal,
        }))
          writer.message(m);
        writer.end();
        return EXIT.ok;
      }
      case "export": {
        const { values, positionals } = parse({
          attribute: { type: "string" },
          out: { type: "string" },
          since: { type: "string" },
          until: { type: "string" },
          force: { type: "boolean" },
          restart: { type: "boolean" },
          "page-size": { type: "string" },
          concurrency: { type: "string" },
        });
        if (positionals.length) throw new UsageError(`unexpected "${positionals[0]}"`);
        const { name, value } = attribute(values.attribute);
        if (!values.out) throw new UsageError("export needs --out <file.ndjson>");
        const size = pageSize(values["page-size"]);
        const readers = concurrency(values.concurrency);
        // The bar's own `\r` and erase must reach the terminal: it holds only numbers, so it
        // goes direct. Not on a pipe or a file: a log gets the closing line only.
        const bar = realIo.stderr.isTTY
          ? createProgressBar((text) => realIo.stderr.write(text))
          : undefined;
        const result = await exportCohort(clientFor(values), {
          attributeName: name,
          attributeValue: value,
          since: parseWhen("since", values.since, now),
          until: parseWhen("until", values.until, now),
          sinceText: values.since,
          untilText: values.until,
          out: values.out,
          force: values.force === true,
          restart: values.restart === true,
          ...(size === undefined ? {} : { pageSize: size }),
          concurrency: readers,
          signal: io.signal,
          onProgress: bar?.update,
        }).finally(() => bar?.finish());
        io.stderr.write(
          `${result.resumed ? "resumed and finished" : "exported"} ${result.users} users, ${result.messages} messages to ${values.out}${result.missing ? ` (${result.missing} ${result.missing === 1 ? "user" : "users"} no longer in MyBOT, recorded as "missing")` : ""}${result.skipped ? ` (${result.skipped} ${result.skipped === 1 ? "user" : "users"} with an id that cannot be sent, recorded as "skipped")` : ""}\n`,
        );
        return EXIT.ok;
      }
      case "doctor": {
        const { values, positionals } = parse({
          attribute: { type: "string" },
          user: { type: "string" },
          sample: { type: "string" },
        });
        if (positionals.length)
          throw new UsageError(
            `unexpected "${positionals[0]}"; doctor takes --user <user id> or --attribute <name>=<value>`,
          );
        const format = values.format ?? "text";
        if (format !== "text" && format !== "json")
          throw new UsageError(`--format "${format}": doctor prints text or json`);
        const settings = settingsFor(values);
        const run = await runDoctor({
          settings,
          attribute: values.attribute === undefined ? undefined : attribute(values.attribute),
          user: values.user,
          signal: io.signal,
        });
        const sample = values.sample ?? DEFAULT_SAMPLE;
        const secrets = [settings.apiKey, settings.customerId, settings.botKey, run.userId ?? ""];
        writeFileSync(resolve(io.cwd, sample), buildSample(run, secrets));
        io.stdout.write(
          format === "json"
            ? `${jsonForTerminal(JSON.stringify({ ...run.report, sample }, null, 2))}\n`
            : safeForTerminal(renderDoctorReport(run, sample)),
        );
        return run.report.holds ? EXIT.ok : EXIT.mismatch;
      }
      case "sandbox": {
        const { values } = parse({ port: { type: "string" }, db: { type: "string" } });
        return await runSandbox({ port: values.port, db: values.db }, io, undefined, (key) =>
          publicKeys.add(key),
        );
      }
      default:
        throw new UsageError(`"${command}" is not a command`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`mybot: ${error.message}\n\n${USAGE}\n`);
      return EXIT.usage;
    }
    if (isMyBotApiError(error)) {
      const resume =
        command === "export" && errorKind(error) !== "auth"
          ? "\nRun the same command again to resume the export."
          : "";
      io.stderr.write(`mybot: ${error.message}${resume}\n`);
      if (debug && error.stack) io.stderr.write(`${error.stack}\n`);
      return exitCodeOf(errorKind(error));
    }
    io.stderr.write(
      `mybot: unexpected error: ${(error as Error)?.message ?? String(error)}${debug ? "" : " (run with --debug for details)"}\n`,
    );
    if (debug && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
    return EXIT.unexpected;
  }
}

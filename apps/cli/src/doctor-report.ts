/**
 * The outputs of `mybot doctor`: the human-readable report, and the redacted sample a user can
 * share. Neither holds a value the vendor sent beyond formats, enumeration names and error
 * codes, so that both can be pasted into an issue.
 *
 * @module
 */

import type { DoctorRun } from "./doctor.ts";
import type { DoctorCheck, HistoryFindings } from "./doctor-checks.ts";
import { TOOLKIT_READS } from "./doctor-checks.ts";
import { typesOf } from "./doctor-shape.ts";
import { redactKeyPath, redactValue } from "./redact-sample.ts";
import { scrubKey } from "./scrub-key.ts";

/** The default path of the sample, in the working directory. */
export const DEFAULT_SAMPLE = "mybot-doctor-sample.json";

const NAME = /^[A-Z][A-Z0-9_]{2,63}$/;

function table(rows: string[][]): string[] {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length))) ?? [];
  return rows.map((r) =>
    r
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd(),
  );
}

function fieldsTable(history: HistoryFindings): string[] {
  if (history.fields.length === 0) return ["  (no messages seen)"];
  return table([
    ["FIELD", "JSON TYPES", "IN", "THE TOOLKIT READS IT AS"],
    ...history.fields.map((f) => [
      f.path,
      typesOf(f),
      `${f.present}/${f.of}`,
      TOOLKIT_READS[f.path] ?? (f.path.includes(".") || f.path.includes("[]") ? "" : "kept in raw"),
    ]),
  ]).map((line) => `  ${line}`);
}

function checkLines(check: DoctorCheck): string[] {
  const lines = [`  ${check.subject}: ${check.observed} — read by the toolkit: ${check.reads}`];
  if (check.note) lines.push(`      ${check.note}`);
  return lines;
}

/**
 * The report for people.
 *
 * @example
 * ```ts
 * io.stdout.write(renderDoctorReport(run, "mybot-doctor-sample.json"));
 * ```
 */
export function renderDoctorReport(run: DoctorRun, samplePath: string): string {
  const { report } = run;
  const lines = [
    `mybot doctor: what MyBOT answered at ${report.baseUrl} (${report.requests} requests, toolkit ${report.toolkitVersion})`,
  ];
  if (report.user.from === "--user") lines.push("User: the one given with --user");
  else if (report.user.from === "listing")
    lines.push(`User: the first of ${report.user.usersListed ?? 0} listed with --attribute`);
  if (report.users)
    lines.push(
      `Users body: ${report.users.bodyFields.map((f) => `${f.path} ${typesOf(f)}`).join(", ") || "none"}`,
    );
  if (report.history) {
    const h = report.history;
    lines.push(
      `History body: ${h.bodyFields.map((f) => `${f.path} ${typesOf(f)}`).join(", ") || "none"}`,
      "",
      `Message fields (${h.messagesSeen} distinct messages):`,
      ...fieldsTable(h),
      `  senders: ${h.senders.join(", ") || "none"}; message types: ${h.messageTypes.join(", ") || "none"}`,
    );
  }
  lines.push("", "Checks:", ...report.checks.flatMap(checkLines), "");
  const no = report.checks.filter((c) => c.reads === "no").length;
  const unknown = report.checks.filter((c) => c.reads === "unknown").length;
  lines.push(
    report.holds
      ? `The toolkit's reading holds${unknown ? ` (${unknown} ${unknown === 1 ? "check" : "checks"} could not tell)` : ""}.`
      : `The toolkit's reading does not hold: ${no} ${no === 1 ? "check says" : "checks say"} no (exit 7).`,
    `Redacted sample: ${samplePath} (keys, structure and kinds of values only: no key, id, phone number, name or text). Share it to correct the spec.`,
  );
  return `${lines.join("\n")}\n`;
}

function redactQuery(query: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(query)) {
    if (key === "page_number" || key === "page_size")
      out[key] = /^\d{1,7}$/.test(value) ? value : "<string>";
    else if (key === "start_date" || key === "end_date") out[key] = "<epoch ms>";
    else out[key] = "<string>";
  }
  return out;
}

/**
 * The redacted sample as JSON text: the doctor's findings (formats and types, no values) and
 * every exchange with its body redacted by {@link redactValue}. `secrets` (the API key and the
 * ids the doctor used) are scrubbed from the text as a last guard.
 *
 * @example
 * ```ts
 * writeFileSync("mybot-doctor-sample.json", buildSample(run, [apiKey, customerId, botKey, userId]));
 * ```
 */
export function buildSample(run: DoctorRun, secrets: readonly string[]): string {
  const { report } = run;
  const history = report.history;
  const sample = {
    about:
      "mybot doctor's redacted sample of what this MyBOT answered: keys and structure kept, every value replaced by a placeholder of its kind",
    toolkitVersion: report.toolkitVersion,
    findings: {
      ...(history
        ? {
            listKey: history.listKey,
            listFoundUnder:
              history.listFoundUnder === undefined
                ? undefined
                : redactKeyPath(history.listFoundUnder),
            order: history.order,
            ids: history.ids,
            pageMetadata: history.pageMetadata,
            timestampFormats: history.timestampFormats,
            messageFields: Object.fromEntries(
              history.fields.map((f) => [redactKeyPath(f.path), typesOf(f)]),
            ),
            senders: history.senders,
            messageTypes: history.messageTypes,
          }
        : {}),
      ...(report.errorBody
        ? {
            errorBody: {
              request: report.errorBody.request,
              status: report.errorBody.status,
              fields: Object.fromEntries(
                report.errorBody.bodyFields.map((f) => [redactKeyPath(f.path), typesOf(f)]),
              ),
              code: report.errorBody.code,
              errorName:
                report.errorBody.errorName && NAME.test(report.errorBody.errorName)
                  ? report.errorBody.errorName
                  : undefined,
            },
          }
        : {}),
      checks: report.checks.map((c) => ({ subject: c.subject, reads: c.reads })),
    },
    exchanges: run.exchanges.map((e) => ({
      endpoint: e.endpoint,
      query: redactQuery(e.query),
      status: e.status,
      body: e.json ? redactValue(e.body) : "<a body that is not JSON>",
    })),
  };
  return `${scrubKey(JSON.stringify(sample, null, 2), secrets)}\n`;
}

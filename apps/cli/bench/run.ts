/**
 * `pnpm --filter @mybot/cli bench`: every text transform of the CLI fed 1 MB hostile strings, the
 * shapes that make a backtracking regex or a quadratic loop show itself. Prints the worst time
 * per transform against the goal (< 50 ms); asserts nothing, since timings belong to the machine.
 */
import type { ChatMessage, MyBotUser } from "@mybot/core";
import { parseDotEnv } from "@mybot/runtime";
import { checkApiKey } from "../src/config.ts";
import { displayBaseUrl } from "../src/doctor.ts";
import { timestampFormat } from "../src/doctor-shape.ts";
import { exportMessageLine } from "../src/export.ts";
import { csvField, formatUsers, messageWriter } from "../src/format.ts";
import { displayText } from "../src/message-record.ts";
import { redactKeyPath, redactValue } from "../src/redact-sample.ts";
import { scrubKey } from "../src/scrub-key.ts";
import { jsonForTerminal, safeCell, safeForTerminal } from "../src/terminal-text.ts";
import { parseWhen } from "../src/time.ts";

const MB = 1 << 20;
const GOAL_MS = 50;
const fill = (unit: string) => unit.repeat(Math.ceil(MB / unit.length)).slice(0, MB);
const controls = Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).join("");

/** The hostile shapes, each 1 MB. */
const SHAPES: Record<string, string> = {
  "no @": fill("a"),
  "all @": fill("@"),
  "all dots": fill("."),
  "all control chars": fill(`${controls}\u007f\u009b\u202e`),
  "=, quotes, commas": fill('=",'),
  "digit run": fill("9"),
  "email without a dot": `a@${fill("b")}`,
  "email, dots, trailing space": `a@${fill("x.")} `,
  "upload sentence": `User uploaded ${fill(" - [x")}`,
  "unclosed tags": fill("<a"),
  "spaces without #": `x${fill(" ")}y`,
  // After `KEY=`: the `.env` line whose lone CR made `\s*=\s*(.*)$` backtrack quadratically.
  "spaces, then a lone CR": `${fill(" ")}x\ry`,
  "digits and dashes": `+${fill("1-")}x`,
  "slashes, then a letter": `/${fill("/")}x`,
};

const message = (text: string): ChatMessage => ({
  id: "fp-0000000000000000",
  timestamp: 1_785_597_674_250,
  sender: "user",
  type: "TEXT",
  text,
  raw: { response: text },
});
const user = (text: string): MyBotUser =>
  ({
    channelUserId: "919812345678",
    channel: "web",
    name: text,
    attributes: { plan: "gold" },
  }) as MyBotUser;
/** Where a writer's text goes: kept, so that the work cannot be optimised away. */
const written: string[] = [];
const sink = () => (text: string) => {
  written[0] = text;
};
const quietly = (f: () => unknown) => {
  try {
    f();
  } catch {
    // Refusing the input is an answer too; only the time matters here.
  }
};

const TRANSFORMS: Record<string, (s: string) => unknown> = {
  csvField: (s) => csvField(s),
  "users csv": (s) => formatUsers([user(s)], "csv"),
  "users table": (s) => formatUsers([user(s)], "table"),
  "users ndjson": (s) => formatUsers([user(s)], "ndjson"),
  "history table": (s) => messageWriter("table", sink()).message(message(s)),
  "history csv": (s) => messageWriter("csv", sink()).message(message(s)),
  "history ndjson": (s) => messageWriter("ndjson", sink()).message(message(s)),
  "export line": (s) => exportMessageLine("1", message(s)),
  displayText: (s) => displayText(message(s)),
  safeForTerminal: (s) => safeForTerminal(s),
  safeCell: (s) => safeCell(s),
  jsonForTerminal: (s) => jsonForTerminal(JSON.stringify(s)),
  "redactValue (doctor)": (s) => redactValue({ response: s, sender: s, mimeType: s }),
  "redactKeyPath (doctor)": (s) => redactKeyPath(s),
  "scrubKey (doctor, stderr)": (s) => scrubKey(JSON.stringify(s), [s.slice(0, 64), "abcd"]),
  "timestampFormat (doctor)": (s) => timestampFormat(s),
  "displayBaseUrl (doctor)": (s) => displayBaseUrl(`https://api.engati.com/${s}`),
  parseDotEnv: (s) => parseDotEnv(`MYBOT_API_KEY=${s}\nexport A = "${s}"\n# ${s}`),
  "parseWhen (--since)": (s) => quietly(() => parseWhen("since", s, Date.now())),
  "checkApiKey (config)": (s) => quietly(() => checkApiKey(s)),
};

console.log(`mybot CLI text transforms, 1 MB hostile inputs (goal: < ${GOAL_MS} ms each)\n`);
/** The best of three runs (one when that is already far too slow), so a GC pause is not counted. */
function time(transform: (s: string) => unknown, input: string): number {
  transform(input.slice(0, 1024)); // warm up
  let ms = Number.POSITIVE_INFINITY;
  for (let run = 0; run < 3 && (run === 0 || ms < 10 * GOAL_MS); run++) {
    const start = performance.now();
    transform(input);
    ms = Math.min(ms, performance.now() - start);
  }
  return ms;
}

// Each row as soon as it is measured, so that a transform that never ends is the one shown last.
// GROWTH is the time at 2 MB over the time at 1 MB for the worst shape: about 2 when linear,
// about 4 when quadratic. (Below 1 MB V8's young generation flatters the small input.)
const row = (cells: string[]) =>
  console.log(
    cells
      .map((c, i) => c.padEnd([26, 9, 28, 7, 0][i] ?? 0))
      .join("  ")
      .trimEnd(),
  );
row(["TRANSFORM", "WORST MS", "WORST SHAPE", "GROWTH", "GOAL"]);
for (const [name, transform] of Object.entries(TRANSFORMS)) {
  let worst = { ms: -1, shape: "" };
  for (const [shape, input] of Object.entries(SHAPES)) {
    const ms = time(transform, input);
    if (ms > worst.ms) worst = { ms, shape };
  }
  const double = (SHAPES[worst.shape] as string).repeat(2);
  const growth = worst.ms > 0.5 ? (time(transform, double) / worst.ms).toFixed(1) : "-";
  row([
    name,
    worst.ms.toFixed(1),
    worst.shape,
    growth,
    worst.ms < GOAL_MS ? "ok (< 50 ms)" : "MISSED (>= 50 ms)",
  ]);
}

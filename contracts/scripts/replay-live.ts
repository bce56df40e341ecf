/**
 * `pnpm test:contracts:live`: replays the pacts' read-only interactions that need no provider
 * state (or only a working key) against a real MyBOT account, to catch the vendor drifting from
 * the contract. The account's credential replaces the pacts' own; the expected status and the
 * shape of the expected body are checked. Skips, and says so, when the credential is not set.
 */
import { type PactInteraction, pactFiles, readPact } from "../test/pact-files.ts";
import { PACT_CREDENTIAL } from "../test/provider-states.ts";

const REPLAYABLE_STATES = new Set(["an active API key"]);
const { MYBOT_BASE_URL, MYBOT_API_KEY, MYBOT_CUSTOMER_ID, MYBOT_BOT_KEY } = process.env;

if (!MYBOT_BASE_URL || !MYBOT_API_KEY || !MYBOT_CUSTOMER_ID || !MYBOT_BOT_KEY) {
  console.log(
    "live contract replay skipped: set MYBOT_BASE_URL, MYBOT_API_KEY, MYBOT_CUSTOMER_ID and MYBOT_BOT_KEY to replay the pacts against a real MyBOT account",
  );
  process.exit(0);
}

/** The shape of `expected` (keys and types, recursively) is found in `actual`. */
function sameShape(expected: unknown, actual: unknown, path = "$"): string[] {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${path}: expected an array`];
    return expected.length && actual.length ? sameShape(expected[0], actual[0], `${path}[0]`) : [];
  }
  if (expected !== null && typeof expected === "object") {
    if (actual === null || typeof actual !== "object") return [`${path}: expected an object`];
    return Object.entries(expected).flatMap(([k, v]) =>
      k in (actual as object)
        ? sameShape(v, (actual as Record<string, unknown>)[k], `${path}.${k}`)
        : [`${path}.${k}: missing`],
    );
  }
  return typeof expected === typeof actual
    ? []
    : [`${path}: expected a ${typeof expected}, got ${typeof actual}`];
}

async function replay(interaction: PactInteraction): Promise<string[]> {
  const path = interaction.request.path
    .replace(
      `/customer/${PACT_CREDENTIAL.customerId}/`,
      `/customer/${encodeURIComponent(MYBOT_CUSTOMER_ID as string)}/`,
    )
    .replace(
      `/bot/${PACT_CREDENTIAL.botKey}/`,
      `/bot/${encodeURIComponent(MYBOT_BOT_KEY as string)}/`,
    );
  const url = new URL(path, MYBOT_BASE_URL);
  for (const [name, values] of Object.entries(interaction.request.query ?? {}))
    for (const v of values) url.searchParams.append(name, v);
  // Interactions about bad keys keep their own key; the others use the account's.
  const pactKey = interaction.request.headers?.Authorization?.[0];
  const authorization =
    pactKey === `Basic ${PACT_CREDENTIAL.apiKey}` ? `Basic ${MYBOT_API_KEY}` : (pactKey ?? "");
  const response = await fetch(url, {
    headers: { authorization, accept: "application/json" },
    signal: AbortSignal.timeout(30_000),
  });
  const problems: string[] = [];
  if (response.status !== interaction.response.status)
    problems.push(`status ${response.status}, expected ${interaction.response.status}`);
  const expected = interaction.response.body?.content;
  if (expected !== undefined) {
    const text = await response.text();
    try {
      problems.push(...sameShape(expected, JSON.parse(text)));
    } catch {
      problems.push("the body is not JSON");
    }
  }
  return problems;
}

let passed = 0;
let failed = 0;
for (const file of pactFiles()) {
  for (const interaction of readPact(file).interactions) {
    const states = interaction.providerStates ?? [];
    if (interaction.request.method !== "GET" || !states.every((s) => REPLAYABLE_STATES.has(s.name)))
      continue;
    const problems = await replay(interaction).catch((error: Error) => [
      `request failed: ${error.message}`,
    ]);
    if (problems.length === 0) passed++;
    else failed++;
    console.log(
      `${problems.length ? "not ok" : "ok"} ${interaction.description}${problems.length ? `: ${problems.join("; ")}` : ""}`,
    );
  }
}
console.log(`live contract replay: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);

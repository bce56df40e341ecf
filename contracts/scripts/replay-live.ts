/**
 * `pnpm test:contracts:live`: replays the pacts' read-only interactions that need no provider
 * state (or only a working key) against a real MyBOT account, to catch the vendor drifting from
 * the contract. The account's credential replaces the pacts' own; each answer is read through
 * @mybot/core, as the toolkit reads it, and its status and error code are checked. Skips, and
 * says so, when the credential is not set.
 */
import { createMyBotClient, isMyBotApiError } from "@mybot/core";
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

/** The expected body's error code, when the interaction expects an `ErrorBody`. */
function expectedCode(body: unknown): number | undefined {
  const code = (body as { errorCode?: unknown } | undefined)?.errorCode;
  return typeof code === "number" ? code : undefined;
}

/**
 * Replays one interaction through @mybot/core, so that the account's answers are read the way
 * the toolkit reads them: tolerantly (either list key, string or numeric timestamps, ids or
 * none, error codes under any of the known names). What the client cannot read, or reads as
 * another status or code than the pact expects, is a problem.
 */
async function replay(interaction: PactInteraction): Promise<string[]> {
  const { path, query = {} } = interaction.request;
  // Interactions about bad keys keep their own key; the others use the account's.
  const pactKey = interaction.request.headers?.Authorization?.[0]?.replace(/^Basic /, "");
  const client = createMyBotClient({
    baseUrl: MYBOT_BASE_URL as string,
    apiKey: pactKey === PACT_CREDENTIAL.apiKey || !pactKey ? (MYBOT_API_KEY as string) : pactKey,
    // The pacts' customer is the account's own: a bot unknown to it must be asked of that
    // customer, since another customer's ids answer 403 whether they exist or not.
    customerId: path.includes(`/customer/${PACT_CREDENTIAL.customerId}/`)
      ? (MYBOT_CUSTOMER_ID as string)
      : decodeURIComponent(/\/customer\/([^/]+)/.exec(path)?.[1] ?? ""),
    botKey: path.includes(`/bot/${PACT_CREDENTIAL.botKey}/`)
      ? (MYBOT_BOT_KEY as string)
      : decodeURIComponent(/\/bot\/([^/]+)/.exec(path)?.[1] ?? ""),
    maxRetries: 0,
    timeoutMs: 30_000,
    validateInput: false,
  });
  const q = (name: string) => query[name]?.[0];
  const n = (name: string) => (q(name) === undefined ? undefined : Number(q(name)));
  const history = /\/channel-user\/([^/]+)\/conversations$/.exec(path);
  const call = history
    ? client.getChatHistory(decodeURIComponent(history[1] as string), {
        startDate: n("start_date"),
        endDate: n("end_date"),
        pageNumber: n("page_number"),
        pageSize: n("page_size"),
      })
    : client.getMatchingUsers({
        attributeName: q("attribute_name") ?? "",
        attributeValue: q("attribute_value") ?? "",
      });
  const expected = interaction.response.status;
  try {
    await call;
    return expected === 200 ? [] : [`status 200, expected ${expected}`];
  } catch (error) {
    if (!isMyBotApiError(error)) return [`request failed: ${(error as Error).message}`];
    if (error.status !== expected)
      return [
        `${error.status ? `status ${error.status}` : error.name}, expected ${expected}: ${error.message}`,
      ];
    const code = expectedCode(interaction.response.body?.content);
    return code !== undefined && error.code !== code
      ? [`code ${error.code}, expected ${code}`]
      : [];
  }
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

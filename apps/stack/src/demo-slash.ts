/**
 * The shell commands `pnpm start` prints to try the Slack app: a slash command and a button
 * press signed with the demo signing secret exactly as Slack signs them (openssl computes the
 * HMAC), whose response_url points back at the stack's stand-in for Slack.
 *
 * @module
 */
export const DEMO_SLACK_USER = "U0DEMO";
/** The channel the demo requests come from; the demo button value is bound to it. */
export const DEMO_SLACK_CHANNEL = "C0DEMO";

/**
 * How the printed command names the signing secret: the demo secret the stack made up is
 * printed as it is; a secret the operator gave is read from their shell, so it never reaches
 * the terminal, a scrollback or a pasted log.
 */
export type SigningSecretInShell = { demo: string } | { fromEnv: "SLACK_SIGNING_SECRET" };

/** The curl line that sends a signed body to the Slack app, as Slack signs it. */
function signedCurl(slackUrl: string, secret: SigningSecretInShell, body: string): string {
  const hmacKey = "demo" in secret ? `'${secret.demo}'` : `"$${secret.fromEnv}"`;
  return [
    `body='${body}'; ts=$(date +%s);`,
    `sig=$(printf 'v0:%s:%s' "$ts" "$body" | openssl dgst -sha256 -hmac ${hmacKey} | sed 's/^.* //');`,
    `curl -s -X POST ${slackUrl}/slack/events -H "X-Slack-Request-Timestamp: $ts" -H "X-Slack-Signature: v0=$sig" --data "$body"`,
  ].join(" ");
}

/**
 * @example
 * ```ts
 * console.log(demoSlashCommand("http://127.0.0.1:3000", { fromEnv: "SLACK_SIGNING_SECRET" }, "users plan=gold"));
 * ```
 */
export function demoSlashCommand(
  slackUrl: string,
  secret: SigningSecretInShell,
  text: string,
): string {
  const body = new URLSearchParams({
    command: "/mybot",
    text,
    user_id: DEMO_SLACK_USER,
    channel_id: DEMO_SLACK_CHANNEL,
    team_id: "T0DEMO",
    response_url: `${slackUrl}/demo/response-url/1`,
  }).toString();
  return signedCurl(slackUrl, secret, body);
}

/**
 * A press of a transcript button (`block_actions`), signed the same way: `value` is the button's
 * signed value, from the Slack app's `encodeButtonValue`. Slack would answer the press with an
 * empty 200, and the page comes to the stand-in for the action's `response_url`.
 *
 * @example
 * ```ts
 * console.log(demoBlockAction("http://127.0.0.1:3000", { demo: secret }, "mybot_older", value));
 * ```
 */
export function demoBlockAction(
  slackUrl: string,
  secret: SigningSecretInShell,
  actionId: string,
  value: string,
): string {
  const payload = {
    type: "block_actions",
    user: { id: DEMO_SLACK_USER },
    channel: { id: DEMO_SLACK_CHANNEL },
    team: { id: "T0DEMO" },
    response_url: `${slackUrl}/demo/response-url/2`,
    actions: [{ type: "button", action_id: actionId, value }],
  };
  // Form encoding leaves no `'` in the body, so it sits in the shell's single quotes as it is.
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  return signedCurl(slackUrl, secret, body);
}

/**
 * The shell command `pnpm start` prints to try the Slack app: a slash command signed with the
 * demo signing secret exactly as Slack signs it (openssl computes the HMAC), whose response_url
 * points back at the stack's stand-in for Slack.
 *
 * @module
 */
export const DEMO_SLACK_USER = "U0DEMO";

/**
 * How the printed command names the signing secret: the demo secret the stack made up is
 * printed as it is; a secret the operator gave is read from their shell, so it never reaches
 * the terminal, a scrollback or a pasted log.
 */
export type SigningSecretInShell = { demo: string } | { fromEnv: "SLACK_SIGNING_SECRET" };

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
  const hmacKey = "demo" in secret ? `'${secret.demo}'` : `"$${secret.fromEnv}"`;
  const body = new URLSearchParams({
    command: "/mybot",
    text,
    user_id: DEMO_SLACK_USER,
    channel_id: "C0DEMO",
    team_id: "T0DEMO",
    response_url: `${slackUrl}/demo/response-url/1`,
  }).toString();
  return [
    `body='${body}'; ts=$(date +%s);`,
    `sig=$(printf 'v0:%s:%s' "$ts" "$body" | openssl dgst -sha256 -hmac ${hmacKey} | sed 's/^.* //');`,
    `curl -s -X POST ${slackUrl}/slack/events -H "X-Slack-Request-Timestamp: $ts" -H "X-Slack-Signature: v0=$sig" --data "$body"`,
  ].join(" ");
}

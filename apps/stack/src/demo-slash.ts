/**
 * The shell command `pnpm start` prints to try the Slack app: a slash command signed with the
 * demo signing secret exactly as Slack signs it (openssl computes the HMAC), whose response_url
 * points back at the stack's stand-in for Slack.
 *
 * @module
 */
export const DEMO_SLACK_USER = "U0DEMO";

export function demoSlashCommand(slackUrl: string, secret: string, text: string): string {
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
    `sig=$(printf 'v0:%s:%s' "$ts" "$body" | openssl dgst -sha256 -hmac '${secret}' | sed 's/^.* //');`,
    `curl -s -X POST ${slackUrl}/slack/events -H "X-Slack-Request-Timestamp: $ts" -H "X-Slack-Signature: v0=$sig" --data "$body"`,
  ].join(" ");
}

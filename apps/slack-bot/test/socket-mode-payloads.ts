/**
 * Socket Mode payloads as Slack sends them in envelopes: a slash command (the same fields as
 * HTTP mode's form, as JSON) and a button press (`block_actions`, as HTTP mode's `payload`
 * field holds it), each with a response_url on the local capture server.
 *
 * @module
 */
import { ALLOWED_USER } from "./harness.ts";

let counter = 0;

/** A slash command's Socket Mode payload, the same fields as HTTP mode's form, as JSON. */
export function slashPayload(
  text: string,
  options: { captureHost: string; user?: string; channel?: string },
): { payload: Record<string, unknown>; hookPath: string } {
  const hookPath = `/commands/T0TEAM/sm${++counter}/${Math.random().toString(36).slice(2)}`;
  const payload = {
    token: "deprecated-verification-token",
    team_id: "T0TEAM",
    team_domain: "support",
    channel_id: options.channel ?? "C0SUPPORT",
    channel_name: "support",
    user_id: options.user ?? ALLOWED_USER,
    user_name: "agent",
    command: "/mybot",
    text,
    api_app_id: "A0MYBOT",
    is_enterprise_install: "false",
    response_url: `http://${options.captureHost}${hookPath}`,
    trigger_id: "13345224609.738474920.8088930838d88f008e0",
  };
  return { payload, hookPath };
}

/** A button press's Socket Mode payload (`block_actions`), as HTTP mode's `payload` field holds it. */
export function blockActionPayload(
  button: { actionId: string; value: string },
  options: { captureHost: string; user?: string; channel?: string },
): { payload: Record<string, unknown>; hookPath: string } {
  const hookPath = `/actions/T0TEAM/sm${++counter}/${Math.random().toString(36).slice(2)}`;
  const payload = {
    type: "block_actions",
    team: { id: "T0TEAM", domain: "support" },
    user: { id: options.user ?? ALLOWED_USER, username: "agent", team_id: "T0TEAM" },
    api_app_id: "A0MYBOT",
    token: "deprecated-verification-token",
    container: { type: "message", message_ts: "1722525674.000100", is_ephemeral: true },
    trigger_id: "13345224609.738474920.8088930838d88f008e0",
    channel: { id: options.channel ?? "C0SUPPORT", name: "support" },
    response_url: `http://${options.captureHost}${hookPath}`,
    actions: [
      {
        type: "button",
        action_id: button.actionId,
        block_id: "mybot_paging",
        value: button.value,
        action_ts: "1722525680.123456",
      },
    ],
  };
  return { payload, hookPath };
}

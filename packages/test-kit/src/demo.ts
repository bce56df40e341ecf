/**
 * The demo credential and the demo dataset's known user, for every suite: re-exported from the
 * sandbox's one definition, so that no test repeats the values as literals.
 *
 * Why a relative path and not `@mybot/sandbox`: the sandbox devDepends on `@mybot/core`, whose
 * tests devDepend on this kit, and turbo refuses a cyclic package graph. The file imported is a
 * pair of constants, so a suite that needs only the credential loads nothing else of the sandbox.
 *
 * @module
 */
import { DEMO_CREDENTIAL } from "../../../apps/sandbox/src/demo-credential.ts";

export { ASHA_ID, DEMO_CREDENTIAL } from "../../../apps/sandbox/src/demo-credential.ts";

/** A customer, a bot and one of its API keys. */
export interface Credential {
  readonly customerId: string;
  readonly botKey: string;
  readonly apiKey: string;
}

/**
 * The API path of a bot, without the origin: `/bot-api/v1.0/customer/…/bot/…`.
 *
 * @example
 * ```ts
 * await fetch(`${url}${botPath()}/users?attribute_name=plan&attribute_value=gold`);
 * ```
 */
export function botPath(credential: Omit<Credential, "apiKey"> = DEMO_CREDENTIAL): string {
  return `/bot-api/v1.0/customer/${credential.customerId}/bot/${credential.botKey}`;
}

/**
 * The `MYBOT_*` environment the apps read for a credential (the demo's by default), with
 * `MYBOT_BASE_URL` when a base URL is given.
 *
 * @example
 * ```ts
 * const env = mybotEnv(DEMO_CREDENTIAL, "http://127.0.0.1:4010");
 * ```
 */
export function mybotEnv(
  credential: Credential = DEMO_CREDENTIAL,
  baseUrl?: string,
): Record<string, string> {
  return {
    ...(baseUrl === undefined ? {} : { MYBOT_BASE_URL: baseUrl }),
    MYBOT_API_KEY: credential.apiKey,
    MYBOT_CUSTOMER_ID: credential.customerId,
    MYBOT_BOT_KEY: credential.botKey,
  };
}

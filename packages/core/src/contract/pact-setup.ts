/**
 * The names and fixed values of the `mybot-core` library pact. The provider states named here
 * are implemented by contracts/test/provider-states.ts against the sandbox's admin API.
 *
 * @module
 */
import { fileURLToPath } from "node:url";

export const CONSUMER = "mybot-core";
export const PROVIDER = "mybot-api";
export const PACT_DIR = fileURLToPath(new URL("../../../../contracts/pacts", import.meta.url));

export const CUSTOMER_ID = "10294";
export const BOT_KEY = "1a1c9bfa5e0f41ed";
export const API_KEY = "0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d-PACT001";
export const T0 = 1_700_000_000_000;
export const PREFIX = `/bot-api/v1.0/customer/${CUSTOMER_ID}/bot/${BOT_KEY}`;

/**
 * Pact merges interactions into an existing file; deleting this consumer's file before the run
 * keeps an interaction that was removed from the tests from living on in the contract.
 */
import { rmSync } from "node:fs";
import { CONSUMER, PACT_DIR, PROVIDER } from "./pact-setup.ts";

export default function setup() {
  rmSync(`${PACT_DIR}/${CONSUMER}-${PROVIDER}.json`, { force: true });
}

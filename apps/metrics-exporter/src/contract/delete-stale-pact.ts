/** Pact merges into an existing file; starting from none keeps removed interactions out. */
import { rmSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const PACT_DIR = fileURLToPath(new URL("../../../../contracts/pacts", import.meta.url));

export default function setup() {
  rmSync(`${PACT_DIR}/mybot-metrics-exporter-mybot-api.json`, { force: true });
}

/**
 * Where the pacts live and how to read them. One file per consumer, named
 * `<consumer>-mybot-api.json` by Pact.
 *
 * @module
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const PACTS_DIR = fileURLToPath(new URL("../pacts", import.meta.url));
export const SPEC_PATH = fileURLToPath(new URL("../openapi/mybot.yaml", import.meta.url));

/** Absolute paths of every pact file. */
export function pactFiles(dir = PACTS_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => join(dir, f));
}

/** The parts of a V4 pact the tools here read. */
export interface PactInteraction {
  description: string;
  providerStates?: { name: string; params?: Record<string, unknown> }[];
  request: {
    method: string;
    path: string;
    query?: Record<string, string[]>;
    headers?: Record<string, string[]>;
  };
  response: { status: number; body?: { content?: unknown } };
}
export interface PactFile {
  consumer: { name: string };
  provider: { name: string };
  interactions: PactInteraction[];
}

export function readPact(path: string): PactFile {
  return JSON.parse(readFileSync(path, "utf8"));
}

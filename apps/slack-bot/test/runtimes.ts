/**
 * The runtimes every end-to-end suite runs the app on, in one table: the command that starts
 * `src/main.*.ts` as its users start it, and the major version a Node row must really be, so
 * that "Node 20" cannot silently become whatever Node runs vitest.
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import { bun, deno, node24 } from "@mybot/test-kit";

export const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
export const APP_DIR = here("..");

export interface Runtime {
  name: string;
  command: string;
  args: string[];
  /** For Node: the major version `command` must report (`v20`, `v24`). */
  nodeMajor?: string;
}

export const RUNTIMES: Runtime[] = [
  {
    name: "node 20",
    command: process.execPath,
    args: ["--import", "tsx", here("../src/main.node.ts")],
    nodeMajor: "v20",
  },
  {
    name: "node 24",
    command: node24,
    args: ["--import", "tsx", here("../src/main.node.ts")],
    nodeMajor: "v24",
  },
  { name: "bun", command: bun, args: [here("../src/main.bun.ts")] },
  { name: "deno", command: deno, args: ["run", "-A", here("../src/main.deno.ts")] },
];

export const NODE_20 = RUNTIMES[0] as Runtime;

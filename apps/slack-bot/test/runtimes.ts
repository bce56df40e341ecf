/**
 * The runtimes every end-to-end suite runs the app on, in one table: the command that starts
 * the app as its users start it (`dist/main.js` on the host's Node, else `src/main.*.ts`), and the major version a Node row must really be. The
 * first row is the Node that runs vitest, named by its real version: Node 20 on `.ci/run`'s
 * machine (the `ws` path), 22 or 24 in the GitHub matrix; Node 24 always comes from its package.
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import { builtMain, bun, deno, node24 } from "@mybot/test-kit";

export const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
export const APP_DIR = here("..");

const HOST_MAJOR = process.version.split(".")[0] as string;

export interface Runtime {
  name: string;
  command: string;
  args: string[];
  /** For Node: the major version `command` must report (`v20`, `v24`). */
  nodeMajor?: string;
}

export const RUNTIMES: Runtime[] = [
  {
    name: `node ${HOST_MAJOR.slice(1)} (host)`,
    command: process.execPath,
    // The production build, as `pnpm start` runs it; Node 24 runs the sources through tsx.
    args: [builtMain(APP_DIR)],
    nodeMajor: HOST_MAJOR,
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

/** The Node that runs vitest (Node 20 where `.ci/run` runs). */
export const HOST_NODE = RUNTIMES[0] as Runtime;

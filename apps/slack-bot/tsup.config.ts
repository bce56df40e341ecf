import { defineConfig } from "tsup";
import { appBuild } from "../../tsup.base.ts";

// `pnpm start` runs dist/main.js on Node; Bun and Deno run src/main.{bun,deno}.ts as they are.
export default defineConfig(appBuild({ main: "src/main.node.ts" }));

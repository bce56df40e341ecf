import { defineConfig } from "tsup";
import { appBuild } from "../../tsup.base.ts";

// The root's `pnpm start` runs dist/main.js, with the apps it composes bundled in.
export default defineConfig(appBuild({ main: "src/main.ts" }));

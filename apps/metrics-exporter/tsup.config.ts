import { defineConfig } from "tsup";
import { appBuild } from "../../tsup.base.ts";

// `pnpm start` runs dist/main.js (the systemd unit in ops/ too).
export default defineConfig(appBuild({ main: "src/main.node.ts" }));

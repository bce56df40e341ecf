import { defineConfig } from "tsup";
import { appBuild } from "../../tsup.base.ts";

// bin/mybot.js imports dist/main.js: the installed command runs without tsx.
export default defineConfig(appBuild({ main: "src/main.ts" }));

import { defineConfig } from "tsup";
import { appBuild } from "../../tsup.base.ts";

// bin/mybot.js imports dist/main.js: the installed command runs without tsx. `mybot sandbox`
// imports @mybot/sandbox with import(): split into its own chunk, it is loaded by that command
// only, so every other command starts without the sandbox and without SQLite (whose driver,
// better-sqlite3, is an optional dependency: see src/sandbox.ts).
export default defineConfig({ ...appBuild({ main: "src/main.ts" }), splitting: true });

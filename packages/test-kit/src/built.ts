/**
 * An app's production build, as its `start`, its systemd unit and its StatefulSet run it: the
 * process tests that start `dist/main.js` test what ships, not the TypeScript sources.
 *
 * @module
 */
import { existsSync } from "node:fs";
import { join } from "node:path";

/**
 * The path of `<appDir>/dist/main.js`; a missing build is one sentence saying what to run (turbo
 * builds before it tests, a test run by hand may come first).
 *
 * @example
 * ```ts
 * await startService(process.execPath, [builtMain(here(".."))], { PORT: "0" }, /listening on (\S+)/);
 * ```
 */
export function builtMain(appDir: string): string {
  const main = join(appDir, "dist", "main.js");
  if (!existsSync(main))
    throw new Error(`${main} is not built: run \`pnpm build\` (turbo builds before it tests)`);
  return main;
}

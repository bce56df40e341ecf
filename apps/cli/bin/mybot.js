#!/usr/bin/env node
// Runs the build (`dist/main.js`, with the workspace packages bundled in), so the installed
// command needs no TypeScript loader. The root's `pnpm -s mybot` runs this file as it is, without
// building: in a checkout, `pnpm build` (or `pnpm start`, which builds the CLI too) comes first.
// Ctrl-C aborts the running command through its signal; an export then says how to resume.
import { existsSync } from "node:fs";

const build = new URL("../dist/main.js", import.meta.url);
if (!existsSync(build)) {
  console.error("mybot: the command is not built yet; run `pnpm build` at the repo root first");
  process.exit(2);
}
const { main } = await import(build.href);
const controller = new AbortController();
process.once("SIGINT", () => controller.abort());
process.once("SIGTERM", () => controller.abort());
process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  signal: controller.signal,
});

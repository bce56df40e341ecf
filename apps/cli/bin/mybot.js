#!/usr/bin/env node
// Runs the TypeScript source through tsx, so the CLI works from the workspace without a build.
// Ctrl-C aborts the running command through its signal; an export then says how to resume.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/main.ts");
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

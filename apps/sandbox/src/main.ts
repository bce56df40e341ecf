/**
 * The start-up every runtime's entry point shares: read PORT and HOST, serve on this runtime,
 * print one line of what runs where, stop cleanly on SIGINT/SIGTERM, and turn configuration
 * mistakes into one line on stderr and exit code 2 instead of a stack trace.
 *
 * @module
 */
import process from "node:process";
import { EnvError, hostFromEnv, onShutdown, portFromEnv } from "@mybot/runtime";
import { SandboxConfigError, startSandbox } from "./boot.ts";
import { SeedError } from "./seed.ts";
import { serveSandbox } from "./serve-sandbox.ts";

const refuse = (message: string): never => {
  throw new SandboxConfigError(message);
};

/**
 * Starts the sandbox from the environment and serves it until a signal.
 *
 * @example
 * ```ts
 * await runMain(); // src/main.node.ts, main.bun.ts and main.deno.ts
 * ```
 */
export async function runMain(): Promise<void> {
  try {
    // PORT: default 4010, Prism's default too.
    const port = portFromEnv(process.env, 4010, "PORT", refuse);
    const sandbox = await startSandbox(process.env);
    const served = await serveSandbox(sandbox, {
      port,
      portName: "PORT",
      hostname: hostFromEnv(process.env),
    });
    console.log(`MyBOT sandbox listening on ${served.url} — ${sandbox.summary}`);
    onShutdown([() => served.close()], { name: "sandbox" });
  } catch (error) {
    // EnvError: a port in use (PortInUseError), too.
    if (
      error instanceof SandboxConfigError ||
      error instanceof SeedError ||
      error instanceof EnvError
    ) {
      console.error(`sandbox: ${error.message}`);
      process.exit(2);
    }
    throw error;
  }
}

/**
 * The start-up and shut-down every runtime's entry point shares: read PORT, print one line of
 * what runs where, stop cleanly on SIGINT/SIGTERM, and turn configuration mistakes into one
 * line on stderr and exit code 2 instead of a stack trace.
 *
 * @module
 */
import { type Sandbox, SandboxConfigError } from "./boot.ts";
import { SeedError } from "./seed.ts";

type Started = { sandbox: Sandbox; url: string; close(): Promise<void> | void };

/** Parses PORT: a whole number from 0 to 65535, default 4010 (Prism's default too). */
export function portFromEnv(value: string | undefined): number {
  if (value === undefined || value === "") return 4010;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new SandboxConfigError(`PORT: "${value}" is not a port number`);
  return port;
}

/**
 * @example
 * ```ts
 * await runMain(async (port) => ({ sandbox, url, close }));
 * ```
 */
export async function runMain(start: (port: number) => Promise<Started>): Promise<void> {
  try {
    const started = await start(portFromEnv(process.env.PORT));
    console.log(`MyBOT sandbox listening on ${started.url} — ${started.sandbox.summary}`);
    let stopping = false;
    const stop = async () => {
      if (stopping) return;
      stopping = true;
      await started.close();
      started.sandbox.close();
      process.exit(0);
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  } catch (error) {
    if (error instanceof SandboxConfigError || error instanceof SeedError) {
      console.error(`sandbox: ${error.message}`);
      process.exit(2);
    }
    throw error;
  }
}

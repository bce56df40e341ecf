/**
 * Starts a server process the way its users do and waits for its start-up line. The process
 * runs in its own process group, and stop() ends the whole group, so that nothing outlives the
 * test or benchmark that started it.
 *
 * @module
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";

export interface Service {
  url: string;
  child: ChildProcess;
  output(): string;
  /** SIGTERM by default (a clean stop); resolves once the process has exited. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

const running = new Set<ChildProcess>();
process.on("exit", () => {
  for (const child of running) killGroup(child, "SIGKILL");
});

function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

/**
 * @param ready its first capture group is the URL
 * @example
 * ```ts
 * const app = await startService(process.execPath, ["--import", "tsx", "src/main.node.ts"], { PORT: "0" }, /listening on (\S+)/);
 * await app.stop();
 * ```
 */
export function startService(
  command: string,
  args: string[],
  env: Record<string, string>,
  ready: RegExp,
  options: { cwd?: string; timeoutMs?: number } = {},
): Promise<Service> {
  const child = spawn(command, args, {
    env: { ...process.env, ...env },
    cwd: options.cwd,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.add(child);
  let output = "";
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  exited.then(() => running.delete(child));
  const stop = async (signal: NodeJS.Signals = "SIGTERM") => {
    killGroup(child, signal);
    const timer = setTimeout(() => killGroup(child, "SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    // Only a start that never comes is killed: a service that started runs as long as it is used.
    const startTimer = setTimeout(() => {
      reject(new Error(`${command} did not start in time:\n${output}`));
      void stop("SIGKILL");
    }, options.timeoutMs ?? 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk;
      const url = ready.exec(output)?.[1];
      if (!url) return;
      clearTimeout(startTimer);
      resolve({ url, child, output: () => output, stop });
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(startTimer);
      reject(new Error(`${command} exited with ${code}:\n${output}`));
    });
  });
}

/** A port nobody listens on right now, for a server that must be told its port up front. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

import type { ChildProcess } from "node:child_process";

export declare const node24: string;
export declare const bun: string;
export declare const deno: string;

export interface Service {
  url: string;
  child: ChildProcess;
  output(): string;
  /** SIGTERM by default (a clean stop); resolves once the process has exited. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts a server process in its own process group and resolves once `ready` matches its output. */
export declare function startService(
  command: string,
  args: string[],
  env: Record<string, string>,
  ready: RegExp,
  options?: { cwd?: string; timeoutMs?: number },
): Promise<Service>;

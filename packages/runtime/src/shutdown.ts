/**
 * Graceful shutdown on SIGINT and SIGTERM, the same in every app: the first signal runs the
 * stop callbacks in order and exits 0; a failing one exits 1 with one line naming the app (no
 * stack trace: the person at the terminal asked to stop, not to debug); a second signal, once
 * the first is a moment old, exits at once.
 *
 * A terminal's Ctrl-C reaches the runner too (pnpm, turbo), which may pass it on: a signal
 * within `repeatWindowMs` of the first is that same Ctrl-C, not an impatient second one.
 *
 * @module
 */

/** One step of stopping: close a server, a database, wait for background work. */
export type Stop = () => unknown;

type Signal = "SIGINT" | "SIGTERM";

/** The part of `process` used here; tests pass their own. */
export interface ShutdownProcess {
  on(signal: Signal, listener: () => void): unknown;
  off(signal: Signal, listener: () => void): unknown;
  exit(code: number): never;
  stderr: { write(text: string): unknown };
}

export interface ShutdownOptions {
  /** The app's name, first on the line written when stopping fails. */
  name: string;
  /** @default 1000 */
  repeatWindowMs?: number;
  /** @default globalThis.process */
  process?: ShutdownProcess;
}

const SIGNALS: Signal[] = ["SIGINT", "SIGTERM"];
/** The shell's convention: 128 + the signal's number. */
const FORCED_EXIT: Record<Signal, number> = { SIGINT: 130, SIGTERM: 143 };

/**
 * Listens for SIGINT and SIGTERM; returns a function that stops listening (for tests, or an app
 * that hands its process back).
 *
 * @example
 * ```ts
 * onShutdown([() => server.close(), () => db.close()], { name: "sandbox" });
 * ```
 */
export function onShutdown(stops: Stop | Stop[], options: ShutdownOptions): () => void {
  const { name, repeatWindowMs = 1000, process: proc = process as ShutdownProcess } = options;
  const steps = Array.isArray(stops) ? stops : [stops];
  let firstAt: number | undefined;

  const stopAll = async () => {
    let failure: unknown;
    let failed = false;
    // Every step runs even after one fails: a server that would not close still leaves the
    // database to close.
    for (const step of steps) {
      try {
        await step();
      } catch (error) {
        if (!failed) failure = error;
        failed = true;
      }
    }
    if (!failed) return proc.exit(0);
    const reason = failure instanceof Error ? failure.message : String(failure);
    proc.stderr.write(`${name}: stopping failed: ${reason}\n`);
    return proc.exit(1);
  };

  const heard = (signal: Signal) => {
    const now = Date.now();
    if (firstAt === undefined) {
      firstAt = now;
      void stopAll();
    } else if (now - firstAt >= repeatWindowMs) {
      proc.stderr.write(`${name}: stopped by a second ${signal} before it finished stopping\n`);
      proc.exit(FORCED_EXIT[signal]);
    }
  };
  // One listener per signal, each knowing its own: not every runtime passes the name.
  const listeners = SIGNALS.map((signal) => [signal, () => heard(signal)] as const);
  for (const [signal, listener] of listeners) proc.on(signal, listener);
  return () => {
    for (const [signal, listener] of listeners) proc.off(signal, listener);
  };
}

/**
 * Waiting on a fake server's state without polling hard: `until` re-checks whenever the fake
 * calls `wake()` (a frame arrived, a socket closed) and every 50 ms besides.
 *
 * @module
 */

/**
 * @example
 * ```ts
 * const waits = createWaits();
 * const ack = await waits.until(() => acks.get(id), `the ack of ${id}`);
 * ```
 */
export function createWaits(name = "fake Slack") {
  const waiters = new Set<() => void>();
  return {
    wake() {
      for (const wake of [...waiters]) wake();
    },
    async until<T>(check: () => T | undefined, what: string, timeoutMs = 15_000): Promise<T> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const value = check();
        if (value !== undefined) return value;
        if (Date.now() > deadline) throw new Error(`${name}: timed out waiting for ${what}`);
        await new Promise<void>((resolve) => {
          const wake = () => {
            waiters.delete(wake);
            resolve();
          };
          waiters.add(wake);
          setTimeout(wake, 50);
        });
      }
    },
  };
}

/**
 * What a failed start does with the services it had already started: closes every one of them
 * and ignores their own failures, so that the error reported is the one that stopped the start
 * (a port in use, a bad setting), not a second one from tidying up after it.
 *
 * @module
 */
import type { Stop } from "@mybot/runtime";

/**
 * @example
 * ```ts
 * catch (error) { await closeQuietly(closers); report(error); }
 * ```
 */
export async function closeQuietly(closers: readonly Stop[]): Promise<void> {
  for (const close of closers) {
    try {
      await close();
    } catch {
      // The start's own error is the one worth reading.
    }
  }
}

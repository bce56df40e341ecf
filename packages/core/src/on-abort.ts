/**
 * One `abort` listener per caller's signal, however many requests share it. A caller may hand
 * the same `AbortSignal` to hundreds of concurrent calls (an exporter stopping every read at
 * once); a listener per attempt and per back-off would pass Node's limit of 10 and print a
 * `MaxListenersExceededWarning`, though nothing leaks: each is removed when its attempt ends.
 *
 * @module
 */
const callbacks = new WeakMap<AbortSignal, Set<() => void>>();

/**
 * Calls `callback` once if `signal` aborts; the returned function forgets it. The signal keeps
 * one listener of its own while any callback is registered.
 *
 * @example
 * ```ts
 * const forget = onAbort(signal, () => controller.abort(signal.reason));
 * try { await attempt(); } finally { forget(); }
 * ```
 */
export function onAbort(signal: AbortSignal, callback: () => void): () => void {
  let waiting = callbacks.get(signal);
  if (!waiting) {
    const registered = new Set<() => void>();
    waiting = registered;
    callbacks.set(signal, registered);
    signal.addEventListener(
      "abort",
      () => {
        callbacks.delete(signal);
        for (const waiter of registered) waiter();
      },
      { once: true },
    );
  }
  const set = waiting;
  set.add(callback);
  return () => {
    set.delete(callback);
  };
}

/**
 * Several users read at once, handed over in the cohort's order. The user at the head streams
 * (what it reads is taken as it comes); each user behind it is read into its own buffer until
 * `limitBytes`, then waits for its turn, so that a long history ahead cannot fill the memory:
 * at most `concurrency` buffers of about `limitBytes` (plus one page) are held. Output is the
 * same bytes in the same order as one user at a time.
 *
 * @module
 */

/** Something a reader produces: bytes for the output, to be written in order. */
export interface Sized {
  bytes: Uint8Array;
}

/** One user's buffer, between the reader filling it and the writer emptying it. */
class Buffered<T extends Sized> {
  private items: T[] = [];
  private held = 0;
  private ended = false;
  private failure: { error: unknown } | undefined;
  private wakeWriter: (() => void) | undefined;
  private wakeReader: (() => void) | undefined;
  cancelled = false;

  constructor(private readonly limit: number) {}

  /** Resolves once there is room again (at once, below the limit). */
  async push(item: T): Promise<void> {
    this.items.push(item);
    this.held += item.bytes.length;
    this.wake();
    while (this.held >= this.limit && !this.cancelled)
      await new Promise<void>((resolve) => {
        this.wakeReader = resolve;
      });
  }

  end(failure?: { error: unknown }) {
    this.ended = true;
    this.failure = failure;
    this.wake();
  }

  cancel() {
    this.cancelled = true;
    this.wakeReader?.();
  }

  private wake() {
    const wake = this.wakeWriter;
    this.wakeWriter = undefined;
    wake?.();
  }

  async *drain(): AsyncGenerator<T> {
    for (;;) {
      const item = this.items.shift();
      if (item) {
        this.held -= item.bytes.length;
        if (this.held < this.limit) this.wakeReader?.();
        yield item;
      } else if (this.ended) {
        if (this.failure) throw this.failure.error;
        return;
      } else {
        await new Promise<void>((resolve) => {
          this.wakeWriter = resolve;
        });
      }
    }
  }
}

/** What {@link readInOrder} needs. */
export interface LookaheadOptions<T extends Sized> {
  /** The first and one past the last index to read. */
  from: number;
  to: number;
  concurrency: number;
  /** Bytes a user behind the head may hold before waiting for its turn. */
  limitBytes: number;
  /** Reads one index; stops when `signal` fires (the walk was given up). */
  read: (index: number, signal: AbortSignal) => AsyncIterable<T>;
  signal?: AbortSignal | undefined;
}

/**
 * Everything `read` yields for each index, index after index, with `concurrency` indexes read
 * at a time. A reader's error is thrown when its index is reached, after everything before it:
 * what comes out is always a prefix of the sequential result. Stopping early (a throw, a
 * `return`) aborts the other readers and waits for them to end.
 *
 * @example
 * ```ts
 * for await (const { index, item } of readInOrder({ from: 0, to: ids.length, concurrency: 4, limitBytes: 1 << 20, read })) write(item.bytes);
 * ```
 */
export async function* readInOrder<T extends Sized>(
  options: LookaheadOptions<T>,
): AsyncGenerator<{ index: number; item: T }> {
  // A limit of 0 or below never wakes a reader again (a hang), NaN never stops one (no bound).
  if (!(Number.isSafeInteger(options.limitBytes) && options.limitBytes > 0))
    throw new RangeError(`limitBytes ${options.limitBytes}: give a whole number above 0`);
  const stop = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  const buffers = new Map<number, Buffered<T>>();
  const running = new Set<Promise<void>>();
  let next = options.from;
  const start = () => {
    const index = next++;
    const buffer = new Buffered<T>(options.limitBytes);
    buffers.set(index, buffer);
    const reading = (async () => {
      try {
        for await (const item of options.read(index, signal)) {
          await buffer.push(item);
          if (buffer.cancelled) return;
        }
        buffer.end();
      } catch (error) {
        buffer.end({ error });
      }
    })();
    running.add(reading);
    void reading.then(() => running.delete(reading));
  };
  try {
    for (let index = options.from; index < options.to; index++) {
      while (next < options.to && next < index + options.concurrency) start();
      const buffer = buffers.get(index) as Buffered<T>;
      for await (const item of buffer.drain()) yield { index, item };
      buffers.delete(index);
    }
  } finally {
    stop.abort();
    for (const buffer of buffers.values()) buffer.cancel();
    await Promise.allSettled(running);
  }
}

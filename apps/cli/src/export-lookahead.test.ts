import { describe, expect, it } from "vitest";
import { readInOrder, type Sized } from "./export-lookahead.ts";

const item = (size: number, tag: string): Sized & { tag: string } => ({
  bytes: new Uint8Array(size),
  tag,
});
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe("readInOrder", () => {
  it.each([0, -1, Number.NaN, 1.5])(
    "a limit of %s is refused, not a hang or no bound",
    async (limitBytes) => {
      const reading = readInOrder({
        from: 0,
        to: 1,
        concurrency: 1,
        limitBytes,
        read: async function* () {
          yield item(10, "only");
        },
      });
      await expect(reading.next()).rejects.toThrow(RangeError);
    },
    2_000,
  );

  it("a long history behind the head is buffered up to the limit, then waits its turn", async () => {
    let release = () => {};
    const headBlocked = new Promise<void>((resolve) => {
      release = resolve;
    });
    let produced = 0;
    const seen: string[] = [];
    const reading = (async () => {
      for await (const { index, item: part } of readInOrder({
        from: 0,
        to: 2,
        concurrency: 2,
        limitBytes: 1000,
        read: async function* (index) {
          if (index === 0) {
            await headBlocked;
            yield item(10, "head");
            return;
          }
          for (let i = 0; i < 500; i++) {
            produced++;
            yield item(100, `behind ${i}`);
          }
        },
      }))
        seen.push(`${index} ${part.tag}`);
    })();
    for (let i = 0; i < 10; i++) await tick();
    // 1,000 bytes of 100-byte parts: the tenth fills the buffer, and the reader waits there.
    expect(produced).toBe(10);
    expect(seen).toEqual([]);
    release();
    await reading;
    expect(produced).toBe(500);
    expect(seen).toEqual(["0 head", ...Array.from({ length: 500 }, (_, i) => `1 behind ${i}`)]);
  });

  it("a reader's error comes at its turn, after everything before it, and stops the rest", async () => {
    const stopped: number[] = [];
    const seen: number[] = [];
    const reading = (async () => {
      for await (const { index } of readInOrder({
        from: 0,
        to: 10,
        concurrency: 4,
        limitBytes: 1 << 20,
        read: async function* (index, signal) {
          if (index === 2) throw new Error("user 2 failed");
          if (index === 3) {
            // Never ends by itself: only the stop of the walk ends it.
            await new Promise((resolve) => signal.addEventListener("abort", resolve));
            stopped.push(index);
            return;
          }
          await tick();
          yield item(1, String(index));
        },
      }))
        seen.push(index);
    })();
    await expect(reading).rejects.toThrow("user 2 failed");
    expect(seen).toEqual([0, 1]);
    expect(stopped).toEqual([3]);
  });

  it("never reads more than `concurrency` indexes at once", async () => {
    let running = 0;
    let most = 0;
    const seen: number[] = [];
    for await (const { index } of readInOrder({
      from: 3,
      to: 40,
      concurrency: 5,
      limitBytes: 1 << 20,
      read: async function* (index) {
        running++;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, (index * 7) % 4));
        running--;
        yield item(1, String(index));
      },
    }))
      seen.push(index);
    expect(most).toBe(5);
    expect(seen).toEqual(Array.from({ length: 37 }, (_, i) => i + 3));
  });
});

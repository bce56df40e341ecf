/**
 * A binary min-heap of small integer slots keyed by a number, with each slot's position kept so
 * that a slot's key can change, or the slot leave, in O(log n). Typed arrays, not objects: a
 * million users cost 16 bytes each here, and the garbage collector has nothing to walk.
 *
 * @module
 */
import { grow } from "./typed-array.ts";

export class IndexedHeap {
  #heap = new Int32Array(16);
  /** Slot → index in #heap, or -1 when the slot is not in it. */
  #pos = new Int32Array(16).fill(-1);
  #key = new Float64Array(16);
  #size = 0;

  get size(): number {
    return this.#size;
  }

  has(slot: number): boolean {
    return slot < this.#pos.length && (this.#pos[slot] as number) >= 0;
  }

  /** The slot's key, last set, whether or not it is in the heap now. */
  keyOf(slot: number): number {
    return slot < this.#key.length ? (this.#key[slot] as number) : Number.NaN;
  }

  /** The slot with the smallest key (ties: the smallest slot), or -1 when empty. */
  peek(): number {
    return this.#size > 0 ? (this.#heap[0] as number) : -1;
  }

  /**
   * Puts the slot in with this key, or moves it there if it is in already.
   *
   * @example
   * ```ts
   * const heap = new IndexedHeap();
   * heap.set(7, 1_000); heap.set(3, 500);
   * heap.peek(); // 3
   * ```
   */
  set(slot: number, key: number): void {
    this.#fit(slot);
    this.#key[slot] = key;
    let i = this.#pos[slot] as number;
    if (i < 0) {
      if (this.#size === this.#heap.length) this.#heap = grow(this.#heap, this.#size * 2);
      i = this.#size++;
      this.#place(slot, i);
    }
    this.#down(this.#up(i));
  }

  delete(slot: number): void {
    if (!this.has(slot)) return;
    const i = this.#pos[slot] as number;
    const last = this.#heap[--this.#size] as number;
    this.#pos[slot] = -1;
    if (last === slot) return;
    this.#place(last, i);
    this.#down(this.#up(i));
  }

  #less(a: number, b: number): boolean {
    const ka = this.#key[a] as number;
    const kb = this.#key[b] as number;
    return ka < kb || (ka === kb && a < b);
  }

  #place(slot: number, i: number) {
    this.#heap[i] = slot;
    this.#pos[slot] = i;
  }

  #up(i: number): number {
    const slot = this.#heap[i] as number;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const above = this.#heap[parent] as number;
      if (!this.#less(slot, above)) break;
      this.#place(above, i);
      i = parent;
    }
    this.#place(slot, i);
    return i;
  }

  #down(i: number): void {
    const slot = this.#heap[i] as number;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= this.#size) break;
      const right = child + 1;
      if (
        right < this.#size &&
        this.#less(this.#heap[right] as number, this.#heap[child] as number)
      )
        child = right;
      const below = this.#heap[child] as number;
      if (!this.#less(below, slot)) break;
      this.#place(below, i);
      i = child;
    }
    this.#place(slot, i);
  }

  #fit(slot: number) {
    if (slot < this.#pos.length) return;
    const length = Math.max(slot + 1, this.#pos.length * 2);
    // New slots are absent from the heap: -1, not the zeros a grown array starts with.
    this.#pos = grow(this.#pos, length).fill(-1, this.#pos.length);
    this.#key = grow(this.#key, length);
  }
}

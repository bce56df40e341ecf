/**
 * Growing the typed arrays that hold per-slot figures: a typed array has a fixed length, so
 * making room for a new slot means a longer copy.
 *
 * @module
 */

/** The typed arrays the exporter keeps per-slot figures in. */
export type SlotArray = Int32Array | Float64Array | Uint8Array;

/**
 * A copy of `array`, of the same kind, `length` long: the old values first, zeros after.
 *
 * @example
 * ```ts
 * let lastAt = new Float64Array(1024);
 * if (slot === lastAt.length) lastAt = grow(lastAt, lastAt.length * 2);
 * const pos = grow(new Int32Array(16).fill(-1), 32).fill(-1, 16); // new slots marked absent
 * ```
 */
export function grow<T extends SlotArray>(array: T, length: number): T {
  const bigger = new (array.constructor as new (length: number) => T)(length);
  bigger.set(array);
  return bigger;
}

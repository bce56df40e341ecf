/**
 * The property the app's hand-written text scanners are held to: on text joined from pieces
 * that hit their edge cases, they answer exactly as a slow, obviously right reference does.
 *
 * @module
 */
import fc from "fast-check";
import { expect } from "vitest";

/**
 * Asserts, on 10,000 texts of up to `maxPieces` pieces each, that `actual` equals `reference`.
 *
 * @example
 * ```ts
 * expectAsReference(fc.constantFrom(" ", "a"), 40, oneLine, (t) => t.replace(/\s+/g, " ").trim());
 * ```
 */
export function expectAsReference<T>(
  piece: fc.Arbitrary<string>,
  maxPieces: number,
  actual: (text: string) => T,
  reference: (text: string) => T,
): void {
  fc.assert(
    fc.property(fc.array(piece, { maxLength: maxPieces }), (pieces) => {
      const text = pieces.join("");
      expect(actual(text)).toEqual(reference(text));
    }),
    { numRuns: 10_000 },
  );
}

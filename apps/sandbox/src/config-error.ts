/**
 * The one error type for a configuration mistake, in its own module so that every part that
 * reads configuration (boot, the history shape) can throw it without importing the boot code.
 *
 * @module
 */

/**
 * A configuration mistake, reported as one line with no stack.
 *
 * @example
 * ```ts
 * throw new SandboxConfigError('PORT: "eighty" is not a port number');
 * ```
 */
export class SandboxConfigError extends Error {
  override name = "SandboxConfigError";
}

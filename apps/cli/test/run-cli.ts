/**
 * Runs `main()` as the bin would, capturing stdout and stderr, in a fresh working directory.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../src/main.ts";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  cwd: string;
}

/**
 * @example
 * ```ts
 * const { code, stdout } = await runCli(["history", "919800000001"], { env });
 * ```
 */
export async function runCli(
  argv: string[],
  options: { env: Record<string, string>; cwd?: string },
): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const cwd = options.cwd ?? mkdtempSync(join(tmpdir(), "mybot-cli-"));
  const code = await main(argv, {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    env: options.env,
    cwd,
  });
  return { code, stdout, stderr, cwd };
}

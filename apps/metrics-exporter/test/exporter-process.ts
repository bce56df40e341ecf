/**
 * Starts the exporter as users do, in a child process: the production build, `dist/main.js`, which
 * the systemd unit and the StatefulSet in ops/ run.
 */
import { fileURLToPath } from "node:url";
import { builtMain, startService } from "@mybot/test-kit";
import { CREDS } from "./harness.ts";

export function startExporterProcess(
  mybotUrl: string,
  configPath: string,
  extraEnv: Record<string, string> = {},
) {
  return startService(
    process.execPath,
    [builtMain(fileURLToPath(new URL("..", import.meta.url)))],
    {
      ...CREDS,
      MYBOT_BASE_URL: mybotUrl,
      MYBOT_EXPORTER_CONFIG: configPath,
      PORT: "0",
      ...extraEnv,
    },
    /listening on (http:\/\/[\d.:]+)\/metrics/,
    { cwd: fileURLToPath(new URL("..", import.meta.url)) },
  );
}

export async function waitFor<T>(
  what: string,
  fn: () => Promise<T | undefined>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

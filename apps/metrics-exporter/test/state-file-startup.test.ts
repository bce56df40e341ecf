/**
 * A state file the exporter cannot resume from (a truncated write, a damaged disk) stops the
 * start with one sentence naming the file and what to do, and exit status 2, which the systemd
 * unit does not restart: not a stack trace in a crash loop.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { startExporterProcess } from "./exporter-process.ts";
import { writeConfig } from "./harness.ts";

it("refuses to start from a truncated state file, in one sentence, with exit status 2", async () => {
  const { path, statePath } = writeConfig();
  mkdirSync(statePath, { recursive: true });
  const file = join(statePath, "state.json");
  writeFileSync(file, '{"version":1,"cohorts":{"gold":{"users":{"9198');
  // Nothing listens on port 9: MyBOT must not be needed to refuse the state.
  const started = startExporterProcess("http://127.0.0.1:9", path);
  const error = await started.then(
    async (service) => {
      await service.stop();
      return new Error("the exporter started");
    },
    (rejection: Error) => rejection,
  );
  expect(error.message).toMatch(/exited with 2:\n/);
  const output = error.message.slice(error.message.indexOf("\n") + 1).trim();
  expect(output).toBe(
    `metrics-exporter: cannot resume from the state file ${file}: it is not valid JSON (a truncated or damaged file); restore it from a backup, or move it aside to start afresh (every history is then read again from the backfill, and the counters start over)`,
  );
});

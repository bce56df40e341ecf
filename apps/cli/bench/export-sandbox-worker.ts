/**
 * The sandbox for the export benchmark, on a thread of its own: its CPU is not the export's (as
 * the vendor's would not be), and no one else's clean-up of sandbox processes can stop it.
 * Posts its URL once it listens. `workerData`: `db`, the SQLite file, and `faults`, if any.
 */
import { parentPort, workerData } from "node:worker_threads";
import { serve } from "@mybot/runtime";
import { startSandbox } from "@mybot/sandbox";

const sandbox = await startSandbox({
  SANDBOX_DB: workerData.db,
  SANDBOX_LOG: "off",
  // A link's latency, for the run that shows what reading several users at once hides.
  ...(workerData.faults ? { SANDBOX_FAULTS: JSON.stringify(workerData.faults) } : {}),
});
const server = await serve({ fetch: sandbox.fetch, port: 0 });
parentPort?.postMessage(server.url);

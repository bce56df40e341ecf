// A worker thread's entry cannot be TypeScript on Node 20 even under `--import tsx`: register tsx
// here, then load the sandbox worker.
import { register } from "tsx/esm/api";

register();
await import("./export-sandbox-worker.ts");

/** `pnpm --filter @mybot/sandbox start` on Node (better-sqlite3); src/main.ts does the work. */
import { runMain } from "./main.ts";

await runMain();

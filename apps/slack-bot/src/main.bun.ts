/** `bun src/main.bun.ts`: the Slack app on Bun.serve; src/main.ts does the work. */
import { runMain } from "./main.ts";

await runMain();

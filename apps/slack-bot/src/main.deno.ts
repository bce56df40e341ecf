/** `deno run -A src/main.deno.ts`: the Slack app on Deno.serve; src/main.ts does the work. */
import { runMain } from "./main.ts";

await runMain();

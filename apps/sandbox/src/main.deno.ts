/** `deno run -A src/main.deno.ts`: the sandbox on Deno.serve with node:sqlite; src/main.ts does the work. */
import { runMain } from "./main.ts";

await runMain();

/** `bun src/main.bun.ts`: the sandbox on Bun.serve with bun:sqlite; src/main.ts does the work. */
import { runMain } from "./main.ts";

await runMain();

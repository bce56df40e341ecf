/** `pnpm --filter @mybot/slack-bot start`: the Slack app on Node; src/main.ts does the work. */
import { runMain } from "./main.ts";

await runMain();

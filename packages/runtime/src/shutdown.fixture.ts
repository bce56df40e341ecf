/**
 * Run by shutdown.test.ts and serve.test.ts on Node, Bun and Deno: serves on a free port, stops on
 * a signal through onShutdown. `FIXTURE_STOP`: `ok` (default), `fail` (a step throws) or `hang`
 * (a step never ends).
 */
import process from "node:process";
import { serve } from "./serve.ts";
import { onShutdown } from "./shutdown.ts";

const mode = process.env.FIXTURE_STOP ?? "ok";
const server = await serve({
  fetch: (request) => new Response(`hello ${new URL(request.url).pathname}`),
  port: 0,
});
onShutdown(
  [
    async () => {
      await server.close();
      console.log("server closed");
    },
    () => {
      if (mode === "fail") throw new Error("the database is locked");
      // Held open by a timer, as a real hang would be by its socket or database.
      if (mode === "hang") return new Promise(() => setInterval(() => {}, 1000));
      console.log("database closed");
    },
  ],
  { name: "fixture", repeatWindowMs: 200 },
);
console.log(`listening on ${server.url}`);

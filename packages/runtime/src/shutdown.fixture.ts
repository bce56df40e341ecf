/**
 * Run by shutdown.test.ts and serve.test.ts on Node, Bun and Deno: serves on a free port, stops on
 * a signal through onShutdown. `FIXTURE_STOP`: `ok` (default), `fail` (a step throws) or `hang`
 * (a step never ends). `FIXTURE_PORT`: the port (a free one by default).
 */
import process from "node:process";
import { PortInUseError, serve } from "./serve.ts";
import { onShutdown } from "./shutdown.ts";

const mode = process.env.FIXTURE_STOP ?? "ok";
const server = await serve({
  fetch: (request) => new Response(`hello ${new URL(request.url).pathname}`),
  port: Number(process.env.FIXTURE_PORT ?? 0),
  portName: "FIXTURE_PORT",
}).catch((error: unknown) => {
  // What every entry point does with a port in use: its sentence, and exit code 2.
  if (!(error instanceof PortInUseError)) throw error;
  console.error(`fixture: ${error.message}`);
  return process.exit(2);
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

/**
 * serve() on Node in this process: the URL, the bound port, close() with and without grace, a
 * port in use. Then on Bun and Deno, in a child process of each (the binaries of
 * @mybot/test-kit): the same fixture answers over a real socket and stops cleanly on SIGTERM.
 */
import { fileURLToPath } from "node:url";
import { bun, deno, type Service, startService } from "@mybot/test-kit";
import { afterEach, describe, expect, it } from "vitest";
import { EnvError } from "./env.ts";
import { PortInUseError, type Served, serve } from "./serve.ts";

const servers: Served[] = [];
const services: Service[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
  await Promise.all(services.splice(0).map((s) => s.stop("SIGKILL")));
});

async function started(options: Parameters<typeof serve>[0]): Promise<Served> {
  const server = await serve(options);
  servers.push(server);
  return server;
}

describe("serve on Node", () => {
  it("listens on loopback on a free port, and answers with the handler", async () => {
    const server = await started({
      fetch: (request) => new Response(`hello ${new URL(request.url).pathname}`),
      port: 0,
    });
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    expect(server.port).toBeGreaterThan(0);
    const response = await fetch(`${server.url}/there`);
    expect(await response.text()).toBe("hello /there");
  });

  it("passes Node's socket to the handler, for apps that cut it", async () => {
    const server = await started({
      fetch: (_request, env) =>
        new Response(String(typeof (env as { incoming?: unknown })?.incoming)),
      port: 0,
    });
    expect(await (await fetch(server.url)).text()).toBe("object");
  });

  it("close() cuts a request in flight at once by default", async () => {
    const server = await serve({ fetch: () => new Promise<Response>(() => {}), port: 0 });
    const request = fetch(server.url).then(
      () => "answered",
      () => "cut",
    );
    await new Promise((r) => setTimeout(r, 50));
    await server.close();
    expect(await request).toBe("cut");
  });

  it("with graceMs, close() lets a request in flight finish", async () => {
    const server = await serve({
      fetch: () => new Promise<Response>((r) => setTimeout(() => r(new Response("late")), 100)),
      port: 0,
      graceMs: 5_000,
    });
    const request = fetch(server.url).then((response) => response.text());
    await new Promise((r) => setTimeout(r, 30));
    await server.close();
    expect(await request).toBe("late");
  });

  it("a port in use rejects, and the caller reports it", async () => {
    const first = await started({ fetch: () => new Response("first"), port: 0 });
    const error = await serve({ fetch: () => new Response("second"), port: first.port }).catch(
      (e: NodeJS.ErrnoException) => e,
    );
    expect((error as NodeJS.ErrnoException).code).toBe("EADDRINUSE");
    // One sentence an entry point prints as is: a bad setting, like any other (exit 2).
    expect(error).toBeInstanceOf(PortInUseError);
    expect(error).toBeInstanceOf(EnvError);
    expect((error as Error).message).toBe(`port ${first.port} is in use`);
    const named = await serve({ fetch: () => new Response(""), port: first.port, portName: "PORT" })
      .then(() => undefined)
      .catch((e: Error) => e.message);
    expect(named).toBe(`port ${first.port} (PORT) is in use`);
  });

  it("brackets an IPv6 host in the URL", async () => {
    const server = await started({ fetch: () => new Response("six"), port: 0, hostname: "::1" });
    expect(server.url).toBe(`http://[::1]:${server.port}`);
    expect(await (await fetch(server.url)).text()).toBe("six");
  });
});

const fixture = fileURLToPath(new URL("./shutdown.fixture.ts", import.meta.url));

describe.each([
  ["bun", bun, [fixture]],
  ["deno", deno, ["run", "-A", fixture]],
])("serve on %s", (_, binary, args) => {
  it("answers over a real socket and stops cleanly on SIGTERM", async () => {
    const service = await startService(binary, args, {}, /listening on (http:\S+)/);
    services.push(service);
    expect(service.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await (await fetch(`${service.url}/there`)).text()).toBe("hello /there");
    const exit = new Promise((resolve) => service.child.once("exit", (code) => resolve(code)));
    service.child.kill("SIGTERM");
    expect(await exit).toBe(0);
    expect(service.output()).toContain("database closed");
  });

  it("a port in use is one line naming it, and exit code 2", async () => {
    const busy = await started({ fetch: () => new Response("busy"), port: 0 });
    const service = await startService(binary, args, { FIXTURE_PORT: String(busy.port) }, /$^/, {
      timeoutMs: 30_000,
    }).catch((error: Error) => error);
    // The whole output: that line, no stack trace.
    expect((service as Error).message).toMatch(
      new RegExp(`exited with 2:\\nfixture: port ${busy.port} \\(FIXTURE_PORT\\) is in use\\n$`),
    );
  });
});

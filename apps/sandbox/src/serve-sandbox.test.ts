/**
 * serveSandbox: one close for the socket and the store, in that order, and no store left open
 * when the port is refused.
 */
import { createServer } from "node:net";
import { PortInUseError } from "@mybot/runtime";
import { describe, expect, it, vi } from "vitest";
import { startSandbox } from "./boot.ts";
import { serveSandbox } from "./serve-sandbox.ts";

const start = () => startSandbox({ SANDBOX_DB: ":memory:", SANDBOX_LOG: "off" });

describe("serveSandbox", () => {
  it("serves the sandbox, and close() stops serving and closes the sandbox", async () => {
    const sandbox = await start();
    const close = vi.spyOn(sandbox, "close");
    const served = await serveSandbox(sandbox, { port: 0 });
    expect(served.url).toBe(`http://127.0.0.1:${served.port}`);
    expect(await (await fetch(`${served.url}/healthz`)).json()).toMatchObject({ ok: true });
    await served.close();
    expect(close).toHaveBeenCalledOnce();
    await expect(fetch(served.url)).rejects.toThrow();
  });

  it("serves a given handler instead of the sandbox's own", async () => {
    const sandbox = await start();
    const served = await serveSandbox(sandbox, { port: 0, fetch: () => new Response("wrapped") });
    try {
      expect(await (await fetch(served.url)).text()).toBe("wrapped");
    } finally {
      await served.close();
    }
  });

  it("closes the sandbox and rethrows PortInUseError when the port is taken", async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, "127.0.0.1", resolve));
    const taken = (busy.address() as { port: number }).port;
    const sandbox = await start();
    const close = vi.spyOn(sandbox, "close");
    try {
      const refused = serveSandbox(sandbox, { port: taken, portName: "PORT" });
      await expect(refused).rejects.toBeInstanceOf(PortInUseError);
      await expect(refused).rejects.toThrow(`port ${taken} (PORT) is in use`);
      expect(close).toHaveBeenCalledOnce();
    } finally {
      busy.close();
    }
  });
});

/**
 * onShutdown with a stand-in process (what runs, what exits how), then for real: a child process
 * that receives SIGINT and exits 0 after its stop callbacks ran.
 */
import { EventEmitter } from "node:events";
import { fileURLToPath } from "node:url";
import { type Service, startService } from "@mybot/test-kit";
import { afterEach, describe, expect, it } from "vitest";
import { onShutdown, type ShutdownProcess } from "./shutdown.ts";

/** A process that records what it was asked to write and how to exit, and stays. */
function fakeProcess() {
  const events = new EventEmitter();
  const written: string[] = [];
  const exits: number[] = [];
  let exited: (code: number) => void = () => {};
  const exitedWith = new Promise<number>((resolve) => {
    exited = resolve;
  });
  const proc: ShutdownProcess = {
    on: (signal, listener) => events.on(signal, listener),
    off: (signal, listener) => events.off(signal, listener),
    exit: ((code: number) => {
      exits.push(code);
      exited(code);
    }) as (code: number) => never,
    stderr: { write: (text) => written.push(text) },
  };
  const send = (signal: "SIGINT" | "SIGTERM") => events.emit(signal);
  return { proc, events, written, exits, exitedWith, send };
}

describe("onShutdown", () => {
  it("runs every stop callback in order on SIGTERM, then exits 0", async () => {
    const fake = fakeProcess();
    const ran: string[] = [];
    onShutdown(
      [
        async () => {
          await new Promise((r) => setTimeout(r, 10));
          ran.push("server");
        },
        () => ran.push("database"),
      ],
      { name: "app", process: fake.proc },
    );
    fake.send("SIGTERM");
    expect(await fake.exitedWith).toBe(0);
    expect(ran).toEqual(["server", "database"]);
    expect(fake.written).toEqual([]);
  });

  it("the same signal again at once is the same Ctrl-C: the stop runs once", async () => {
    const fake = fakeProcess();
    let runs = 0;
    let release: () => void = () => {};
    const stop = () => {
      runs++;
      return new Promise<void>((r) => {
        release = r;
      });
    };
    onShutdown(stop, { name: "app", process: fake.proc });
    fake.send("SIGINT");
    fake.send("SIGINT");
    fake.send("SIGTERM");
    release();
    expect(await fake.exitedWith).toBe(0);
    expect(runs).toBe(1);
    expect(fake.exits).toEqual([0]);
  });

  it("a second signal once the first is a moment old exits at once, 130 for SIGINT", async () => {
    const fake = fakeProcess();
    onShutdown(() => new Promise(() => {}), {
      name: "app",
      process: fake.proc,
      repeatWindowMs: 20,
    });
    fake.send("SIGINT");
    await new Promise((r) => setTimeout(r, 40));
    fake.send("SIGINT");
    expect(fake.exits).toEqual([130]);
    expect(fake.written).toEqual(["app: stopped by a second SIGINT before it finished stopping\n"]);
  });

  it("a failing step: the others still run, then one line and exit 1", async () => {
    const fake = fakeProcess();
    const ran: string[] = [];
    onShutdown(
      [
        () => {
          throw new Error("the server would not close");
        },
        () => ran.push("database"),
      ],
      { name: "app", process: fake.proc },
    );
    fake.send("SIGINT");
    expect(await fake.exitedWith).toBe(1);
    expect(ran).toEqual(["database"]);
    expect(fake.written).toEqual(["app: stopping failed: the server would not close\n"]);
  });

  it("the returned function stops listening", () => {
    const fake = fakeProcess();
    const off = onShutdown(() => {}, { name: "app", process: fake.proc });
    expect(fake.events.listenerCount("SIGINT")).toBe(1);
    off();
    expect(fake.events.listenerCount("SIGINT") + fake.events.listenerCount("SIGTERM")).toBe(0);
  });
});

const fixture = fileURLToPath(new URL("./shutdown.fixture.ts", import.meta.url));
const services: Service[] = [];
afterEach(async () => {
  await Promise.all(services.splice(0).map((s) => s.stop("SIGKILL")));
});

/** The fixture on Node, started; resolves its exit code once `signal` has been sent. */
async function startFixture(mode: string) {
  const service = await startService(
    process.execPath,
    ["--import", "tsx", fixture],
    { FIXTURE_STOP: mode },
    /listening on (http:\S+)/,
  );
  services.push(service);
  const exit = new Promise<number | null>((resolve) =>
    service.child.once("exit", (code) => resolve(code)),
  );
  return { service, exit };
}

describe("a process stopped by a signal", () => {
  it("SIGINT: runs the stop callbacks and exits 0", async () => {
    const { service, exit } = await startFixture("ok");
    service.child.kill("SIGINT");
    expect(await exit).toBe(0);
    expect(service.output()).toMatch(/server closed\n(.|\n)*database closed\n/);
  });

  it("a failing stop: exit 1 with one line, no stack trace", async () => {
    const { service, exit } = await startFixture("fail");
    service.child.kill("SIGTERM");
    expect(await exit).toBe(1);
    expect(service.output()).toContain("fixture: stopping failed: the database is locked\n");
    expect(service.output()).not.toMatch(/\n\s+at /);
  });

  it("a stop that hangs: a second SIGINT ends it with 130", async () => {
    const { service, exit } = await startFixture("hang");
    service.child.kill("SIGINT");
    await new Promise((r) => setTimeout(r, 400));
    expect(service.child.exitCode).toBeNull();
    service.child.kill("SIGINT");
    expect(await exit).toBe(130);
  });
});

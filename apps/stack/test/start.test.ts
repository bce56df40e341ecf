/**
 * `pnpm start`, as a newcomer runs it from the repo root: it prints what runs where, every
 * service answers, the printed signed-request command reaches the Slack app, and Ctrl-C stops
 * everything, leaving no process and no open port behind, with exit status 0 and no failure
 * line. Then the same against an outside MyBOT (`MYBOT_BASE_URL`), which the stack must use
 * instead of its embedded sandbox.
 *
 * `pnpm start` builds what it runs through turbo first; `beforeAll` does that build once (a turbo
 * cache hit when `pnpm test` already built it), so that each start below costs a start only.
 */
import { execFile } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { DEMO_CREDENTIAL, freePort, type Service, startService } from "@mybot/test-kit";
import { startTestSandbox } from "@mybot/test-kit/sandbox";
import { beforeAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const run = promisify(execFile);

async function portClosed(port: number): Promise<boolean> {
  return fetch(`http://127.0.0.1:${port}/`).then(
    () => false,
    () => true,
  );
}

/**
 * Ctrl-C as a terminal sends it: SIGINT to the whole foreground process group (pnpm, turbo,
 * the shells between them and the stack), not to the stack alone. Every service stops, and the
 * run ends as a clean stop does: exit status 0, and no failure line from pnpm or turbo.
 */
async function ctrlC(stack: Service) {
  await stack.stop("SIGINT");
  expect(stack.output()).toContain("stopping…");
  expect(stack.output()).not.toMatch(/ELIFECYCLE|Command failed|ERR_PNPM|run failed/);
  expect({ code: stack.child.exitCode, signal: stack.child.signalCode }).toEqual({
    code: 0,
    signal: null,
  });
}

beforeAll(async () => {
  await run(
    "pnpm",
    ["exec", "turbo", "run", "build", "--filter=@mybot/stack", "--output-logs=errors-only"],
    {
      cwd: root,
    },
  );
}, 180_000);

async function startStack(env: Record<string, string>) {
  const ports = {
    SANDBOX_PORT: await freePort(),
    SLACK_PORT: await freePort(),
    EXPORTER_PORT: await freePort(),
  };
  const stack = await startService(
    "pnpm",
    ["start"],
    { ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])), ...env },
    /(READY)/,
    { cwd: root, timeoutMs: 60_000 },
  );
  return { stack, ports };
}

describe("pnpm start", () => {
  it("runs the stack on an embedded sandbox, prints how to try it, and stops cleanly on Ctrl-C", async () => {
    const { stack, ports } = await startStack({});
    const out = stack.output();
    expect(out).toContain(`MyBOT sandbox     http://127.0.0.1:${ports.SANDBOX_PORT}`);
    expect(out).toContain(`Slack app         http://127.0.0.1:${ports.SLACK_PORT}/slack/events`);
    expect(out).toContain(`Metrics exporter  http://127.0.0.1:${ports.EXPORTER_PORT}/metrics`);
    expect(out).toContain(DEMO_CREDENTIAL.apiKey);

    // The printed curl for the users endpoint works as printed.
    const curl = /curl -H "Authorization: Basic (\S+)" "(\S+users\?\S+)"/.exec(out);
    const users = await (
      await fetch(curl?.[2] as string, { headers: { authorization: `Basic ${curl?.[1]}` } })
    ).json();
    expect(users.total).toBeGreaterThan(0);

    // The printed signed /mybot command reaches the Slack app, whose answer lands in the stand-in for Slack.
    const slash = /(body='.*--data "\$body")/.exec(out)?.[1] as string;
    const { stdout } = await run("bash", ["-c", slash]);
    expect(JSON.parse(stdout).text).toBe("Looking up…");
    await expect
      .poll(() => stack.output(), { timeout: 15_000 })
      .toMatch(/Slack would show: \d+ users with plan=gold/);

    // The printed button press reaches the app, acknowledged with an empty 200, and its page
    // (the message before the newest) lands where Slack would show it.
    const press = /(body='payload=.*--data "\$body")/.exec(out)?.[1] as string;
    expect(press).toContain("block_actions");
    expect((await run("bash", ["-c", press])).stdout).toBe("");
    await expect
      .poll(() => stack.output(), { timeout: 15_000 })
      .toMatch(
        /Slack would show: Chat history of 919812345678: page 2 back from the latest, 1 message/,
      );

    // The exporter polls the sandbox.
    await expect
      .poll(
        async () =>
          (await (await fetch(`http://127.0.0.1:${ports.EXPORTER_PORT}/metrics`)).text()).includes(
            "mybot_up 1",
          ),
        { timeout: 30_000 },
      )
      .toBe(true);

    await ctrlC(stack);
    for (const port of Object.values(ports)) expect(await portClosed(port)).toBe(true);
  });

  it("uses MYBOT_BASE_URL instead of the embedded sandbox when it is set, and prints no given secret", async () => {
    const key = "7e6d5c4b-3a29-4817-9605-f4e3d2c1b0a9-OUTSIDE";
    const signingSecret = "given0signing0secret0never0printed";
    const server = await startTestSandbox({ credential: { ...DEMO_CREDENTIAL, apiKey: key } });
    try {
      const { stack, ports } = await startStack({
        ...server.env,
        SLACK_SIGNING_SECRET: signingSecret,
      });
      expect(stack.output()).toContain(`MyBOT             ${server.url}`);
      expect(stack.output()).toContain("signing secret from SLACK_SIGNING_SECRET");
      // The printed command reads the given secret from the shell, and is signed with it.
      const slash = /(body='.*--data "\$body")/.exec(stack.output())?.[1] as string;
      const { stdout } = await run("bash", ["-c", slash], {
        env: { ...process.env, SLACK_SIGNING_SECRET: signingSecret },
      });
      expect(JSON.parse(stdout).text).toBe("Looking up…");
      expect(stack.output()).not.toContain("MyBOT sandbox");
      expect(stack.output()).not.toContain(key);
      expect(stack.output()).not.toContain(signingSecret);
      expect(await portClosed(ports.SANDBOX_PORT)).toBe(true);
      await expect
        .poll(
          async () =>
            (
              await (await fetch(`http://127.0.0.1:${ports.EXPORTER_PORT}/metrics`)).text()
            ).includes("mybot_up 1"),
          { timeout: 30_000 },
        )
        .toBe(true);
      await ctrlC(stack);
    } finally {
      await server.close();
    }
  });
});

describe("a port in use", () => {
  it("is one line naming its variable, and exit code 2, after the services it had started close", async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, "127.0.0.1", resolve));
    const taken = (busy.address() as { port: number }).port;
    try {
      // The exporter starts last: the sandbox and the Slack app are up when its port is refused.
      const ports = { SANDBOX_PORT: await freePort(), SLACK_PORT: await freePort() };
      const ended = await run(process.execPath, ["apps/stack/dist/main.js"], {
        cwd: root,
        env: {
          ...process.env,
          SANDBOX_PORT: String(ports.SANDBOX_PORT),
          SLACK_PORT: String(ports.SLACK_PORT),
          EXPORTER_PORT: String(taken),
        },
      }).then(
        () => ({ code: 0, stderr: "" }),
        (error: { code: number; stderr: string }) => error,
      );
      expect({ code: ended.code, stderr: ended.stderr }).toEqual({
        code: 2,
        stderr: `start: port ${taken} (EXPORTER_PORT) is in use\n`,
      });
      for (const port of Object.values(ports)) expect(await portClosed(port)).toBe(true);
    } finally {
      busy.close();
    }
  });
});

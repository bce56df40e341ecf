/**
 * The sandbox, in this process, on a free loopback port: the way every suite that needs MyBOT
 * over a real socket starts it. The admin API is always on, with a typed client.
 *
 * Why a relative path and not `@mybot/sandbox`: the sandbox devDepends on this kit (directly and
 * through `@mybot/core`), and turbo refuses a cyclic package graph. Suites that import this module
 * (`@mybot/test-kit/sandbox`) depend on the sandbox themselves.
 *
 * @module
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type Sandbox,
  type SandboxEnv,
  type Seed,
  serveSandbox,
  startSandbox,
} from "../../../apps/sandbox/src/index.ts";
import { type AdminClient, createAdminClient } from "./admin-client.ts";
import { type Credential, DEMO_CREDENTIAL, mybotEnv } from "./demo.ts";

type Handler = Sandbox["fetch"];

export interface TestSandboxOptions {
  /** A seed, or the path of a seed file. @default the demo dataset */
  seed?: Seed | string;
  /**
   * A key to accept besides the seed's (the `MYBOT_*` settings). Without it, `credential` is the
   * demo's, which only the demo dataset holds.
   */
  credential?: Credential;
  /** More `SANDBOX_*` settings: history shape, faults, `SANDBOX_MAX_HANG_MS`, `SANDBOX_DB`. */
  env?: SandboxEnv;
  /** @default "test-admin-token" */
  adminToken?: string;
  /** Print the sandbox's request log. @default false */
  log?: boolean;
  /** Wraps the sandbox's handler, e.g. into a deliberately broken copy. */
  around?: (handler: Handler) => Handler;
}

export interface TestSandbox {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** The sandbox itself: its store, fault table and history shape, in this process. */
  sandbox: Sandbox;
  admin: AdminClient;
  credential: Credential;
  /** `MYBOT_BASE_URL` and the `MYBOT_*` credential that reach this sandbox. */
  env: Record<string, string>;
  /** Stops serving (cutting open connections) and closes the store. */
  close(): Promise<void>;
}

/**
 * @example
 * ```ts
 * const mybot = await startTestSandbox();
 * const client = createMyBotClient({ baseUrl: mybot.url, ...mybot.credential });
 * await mybot.close();
 * ```
 */
export async function startTestSandbox(options: TestSandboxOptions = {}): Promise<TestSandbox> {
  const adminToken = options.adminToken ?? "test-admin-token";
  const credential = options.credential ?? DEMO_CREDENTIAL;
  const seedDir =
    typeof options.seed === "object" ? mkdtempSync(join(tmpdir(), "mybot-test-seed-")) : undefined;
  let seedPath = options.seed as string | undefined;
  if (seedDir) {
    seedPath = join(seedDir, "seed.json");
    writeFileSync(seedPath, JSON.stringify(options.seed));
  }
  let sandbox: Sandbox;
  try {
    sandbox = await startSandbox({
      SANDBOX_DB: ":memory:",
      SANDBOX_LOG: options.log ? undefined : "off",
      SANDBOX_ADMIN_TOKEN: adminToken,
      SANDBOX_SEED: seedPath,
      ...(options.credential ? mybotEnv(options.credential) : {}),
      ...options.env,
    });
  } finally {
    if (seedDir) rmSync(seedDir, { recursive: true, force: true });
  }
  const handler = options.around ? options.around(sandbox.fetch) : sandbox.fetch;
  const served = await serveSandbox(sandbox, { fetch: handler, port: 0 });
  return {
    url: served.url,
    sandbox,
    admin: createAdminClient({ baseUrl: served.url, token: adminToken }),
    credential,
    env: mybotEnv(credential, served.url),
    close: () => served.close(),
  };
}

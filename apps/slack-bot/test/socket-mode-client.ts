/**
 * The in-process Socket Mode tests' common ground: a fresh fake Slack per test, the client
 * started against it with a stub `dispatch`, fast backoff and its log lines kept, and the client
 * closed after the test.
 *
 * @module
 */
import { afterEach, beforeEach, vi } from "vitest";
import {
  type SocketModeClient,
  type SocketModeOptions,
  startSocketMode,
} from "../src/socket-mode.ts";
import type { Dispatch } from "../src/socket-mode-acks.ts";
import { APP_TOKEN, type FakeSlack, startFakeSlack } from "./fake-socket-mode.ts";

export interface ClientTest {
  slack: FakeSlack;
  client: SocketModeClient | undefined;
  logs: string[];
  dispatch: ReturnType<typeof vi.fn<Dispatch>>;
  /** Starts the client; `over` replaces any option. */
  start(over?: Partial<SocketModeOptions>): SocketModeClient;
}

/**
 * Registers the hooks; read the fields inside tests (they are replaced before each).
 *
 * @example
 * ```ts
 * const t = useClientTest();
 * it("connects", async () => { await t.start().ready; });
 * ```
 */
export function useClientTest(): ClientTest {
  const t = {
    logs: [] as string[],
    client: undefined as SocketModeClient | undefined,
    start(over: Partial<SocketModeOptions> = {}) {
      t.client = startSocketMode({
        appToken: APP_TOKEN,
        apiUrl: t.slack.apiUrl,
        dispatch: t.dispatch,
        log: (line) => t.logs.push(line),
        backoff: { baseMs: 40, capMs: 400 },
        ...over,
      });
      return t.client;
    },
  } as ClientTest;
  beforeEach(async () => {
    t.slack = await startFakeSlack();
    t.logs = [];
    t.dispatch = vi.fn<Dispatch>(async (type) =>
      type === "slash_commands" ? { response_type: "ephemeral", text: "Looking up…" } : undefined,
    );
  });
  afterEach(async () => {
    t.client?.close();
    t.client = undefined;
    await t.slack.close();
  });
  return t;
}

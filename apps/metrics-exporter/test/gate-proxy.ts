/**
 * A proxy between the exporter and the sandbox that can hold history answers back: closed, it
 * keeps every history response until let through, so the exporter stops in the middle of a poll
 * with what it has read so far. It counts the history responses it let through, the exporter's
 * reads, to compare with what the exporter saved.
 *
 * @module
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

const isHistory = (url: string) => new URL(url, "http://proxy").pathname.endsWith("/conversations");

export interface GateProxy {
  url: string;
  /** History responses let through since the last open(). */
  readonly delivered: number;
  /** Lets everything through, forgets what it held (the exporter that asked is gone) and counts from 0. */
  open(): void;
  /** Lets `n` more history responses through, then holds the rest; resolves once it holds one. */
  closeAfter(n: number): Promise<void>;
  /** Resolves once every response let through has been handed to the socket. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

/**
 * @example
 * ```ts
 * const gate = await startGateProxy(mybot.url);
 * await gate.closeAfter(8); // the exporter is now mid-poll, waiting on a held answer
 * ```
 */
export async function startGateProxy(target: string): Promise<GateProxy> {
  let allowance = Number.POSITIVE_INFINITY;
  let delivered = 0;
  let writing = 0;
  let held: { release: () => void; drop: () => void }[] = [];
  let onHold: (() => void) | undefined;

  /** Waits for the gate; false when the held response is to be dropped. */
  const pass = () =>
    new Promise<boolean>((resolve) => {
      if (allowance > 0) {
        allowance--;
        delivered++;
        return resolve(true);
      }
      held.push({ release: () => resolve(true), drop: () => resolve(false) });
      onHold?.();
      onHold = undefined;
    });
  const drain = () => {
    while (allowance > 0 && held.length > 0) {
      allowance--;
      delivered++;
      held.shift()?.release();
    }
  };

  const forward = async (req: IncomingMessage, res: ServerResponse) => {
    res.on("error", () => {});
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = Object.fromEntries(
      Object.entries(req.headers).filter(
        ([k, v]) => typeof v === "string" && !["host", "connection", "content-length"].includes(k),
      ),
    ) as Record<string, string>;
    const upstream = await fetch(`${target}${req.url}`, {
      method: req.method,
      headers,
      body: chunks.length > 0 ? Buffer.concat(chunks) : undefined,
    });
    const body = Buffer.from(await upstream.arrayBuffer());
    if (isHistory(req.url ?? "/") && !(await pass())) return void res.destroy();
    writing++;
    res.once("close", () => writing--);
    const out: Record<string, string> = {};
    for (const name of ["content-type", "retry-after"]) {
      const value = upstream.headers.get(name);
      if (value !== null) out[name] = value;
    }
    res.writeHead(upstream.status, out).end(body);
  };
  const server = createServer((req, res) => {
    forward(req, res).catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    get delivered() {
      return delivered;
    },
    open() {
      for (const h of held) h.drop();
      held = [];
      allowance = Number.POSITIVE_INFINITY;
      delivered = 0;
    },
    closeAfter(n) {
      allowance = n;
      drain();
      return new Promise<void>((resolve) => {
        if (held.length > 0) resolve();
        else onHold = resolve;
      });
    },
    async settled() {
      while (writing > 0) await new Promise((r) => setTimeout(r, 20));
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const h of held) h.drop();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

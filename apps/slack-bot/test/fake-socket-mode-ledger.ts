/**
 * The fake Slack's book of envelopes: what was delivered, which acks came back (and how fast),
 * which were lost on purpose, and what each new connection must be sent again. Like Slack, an
 * envelope without an ack is delivered again to each new connection, with the same
 * `envelope_id` and `retry_attempt` counted up.
 *
 * @module
 */
import type { WebSocket } from "ws";

export interface Ack {
  payload?: { text?: string; response_type?: string; [key: string]: unknown };
  ms: number;
  retryAttempt: number;
}

interface Delivered {
  frame: Record<string, unknown>;
  at: number;
  ignoreAck: boolean;
}

/**
 * @example
 * ```ts
 * const ledger = createLedger(wake);
 * ws.on("message", (data) => ledger.received(String(data)));
 * ```
 */
export function createLedger(wake: () => void) {
  const delivered = new Map<string, Delivered>();
  const acks = new Map<string, Ack>();
  const lostAcks: string[] = [];
  /** Frames from the app that are not acks: there should be none. */
  const badFrames: string[] = [];
  return {
    acks,
    lostAcks,
    badFrames,
    /** Records an envelope frame about to be sent. */
    deliver(frame: Record<string, unknown>, ignoreAck: boolean) {
      delivered.set(frame.envelope_id as string, { frame, at: performance.now(), ignoreAck });
    },
    /** A frame from the app: an ack is recorded (or lost, once, when asked), the rest is bad. */
    received(text: string) {
      let ack: { envelope_id?: string; payload?: Ack["payload"] };
      try {
        ack = JSON.parse(text);
      } catch {
        return void badFrames.push(text.slice(0, 200));
      }
      if (!ack.envelope_id) return void badFrames.push(text.slice(0, 200));
      const sent = delivered.get(ack.envelope_id);
      if (!sent || acks.has(ack.envelope_id)) return;
      if (sent.ignoreAck) {
        sent.ignoreAck = false;
        lostAcks.push(ack.envelope_id);
        return;
      }
      const retryAttempt = sent.frame.retry_attempt as number;
      acks.set(ack.envelope_id, {
        payload: ack.payload,
        ms: performance.now() - sent.at,
        retryAttempt,
      });
      wake();
    },
    /** Sends a new connection every envelope still without an ack, as a retry. */
    redeliver(ws: WebSocket) {
      for (const [id, sent] of delivered)
        if (!acks.has(id)) {
          sent.frame = {
            ...sent.frame,
            retry_attempt: (sent.frame.retry_attempt as number) + 1,
            retry_reason: "timeout",
          };
          sent.at = performance.now();
          ws.send(JSON.stringify(sent.frame));
        }
    },
  };
}

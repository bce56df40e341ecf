/**
 * Fault injection per endpoint: added latency, an error status (500, 502, 503, or 429 with
 * Retry-After), a hang until the client gives up, a connection reset, or malformed or
 * truncated JSON — for a share of requests or for the next N.
 *
 * @module
 */

/** The endpoints a fault can target. */
export type FaultEndpoint = "users" | "history" | "all";

/** One fault rule. */
export interface Fault {
  endpoint: FaultEndpoint;
  type: "latency" | "status" | "hang" | "reset" | "malformed" | "truncated";
  /** For `latency`: milliseconds added before the real answer. */
  latencyMs?: number;
  /** For `status`: 500, 502, 503 or 429. */
  status?: 429 | 500 | 502 | 503;
  /** For a 429: the Retry-After header, in seconds. */
  retryAfterSeconds?: number;
  /** Share of matching requests hit, 0 to 1; default 1. */
  rate?: number;
  /** Hit only the next N matching requests, then expire. */
  count?: number;
}

const TYPES = ["latency", "status", "hang", "reset", "malformed", "truncated"];
const ENDPOINTS = ["users", "history", "all"];
const STATUSES = [429, 500, 502, 503];

/**
 * Checks a fault rule, throwing a message that names the bad field.
 *
 * @example
 * ```ts
 * parseFault({ endpoint: "history", type: "status", status: 503, count: 2 });
 * ```
 */
export function parseFault(value: unknown): Fault {
  if (typeof value !== "object" || value === null) throw new Error("fault must be an object");
  const f = value as Record<string, unknown>;
  const allowed = ["endpoint", "type", "latencyMs", "status", "retryAfterSeconds", "rate", "count"];
  for (const key of Object.keys(f))
    if (!allowed.includes(key)) throw new Error(`fault.${key}: unknown field`);
  if (!ENDPOINTS.includes(f.endpoint as string))
    throw new Error(`fault.endpoint: must be one of ${ENDPOINTS.join(", ")}`);
  if (!TYPES.includes(f.type as string))
    throw new Error(`fault.type: must be one of ${TYPES.join(", ")}`);
  if (f.type === "latency" && !(Number.isInteger(f.latencyMs) && (f.latencyMs as number) >= 0)) {
    throw new Error("fault.latencyMs: must be a non-negative integer");
  }
  if (f.type === "status" && !STATUSES.includes(f.status as number))
    throw new Error(`fault.status: must be one of ${STATUSES.join(", ")}`);
  if (f.rate !== undefined && !(typeof f.rate === "number" && f.rate >= 0 && f.rate <= 1))
    throw new Error("fault.rate: must be from 0 to 1");
  if (f.count !== undefined && !(Number.isInteger(f.count) && (f.count as number) > 0))
    throw new Error("fault.count: must be a positive integer");
  if (
    f.retryAfterSeconds !== undefined &&
    !(Number.isInteger(f.retryAfterSeconds) && (f.retryAfterSeconds as number) >= 0)
  ) {
    throw new Error("fault.retryAfterSeconds: must be a non-negative integer");
  }
  return f as unknown as Fault;
}

/** The active faults; `take` consumes a count-limited fault as it fires. */
export class FaultTable {
  private faults: Fault[] = [];

  constructor(private readonly random: () => number = Math.random) {}

  set(faults: Fault[]): void {
    this.faults = faults.map((f) => ({ ...f }));
  }

  add(fault: Fault): void {
    this.faults.push({ ...fault });
  }

  list(): Fault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  clear(): void {
    this.faults = [];
  }

  /** The faults that fire for this request, in the order they were added. */
  take(endpoint: Exclude<FaultEndpoint, "all">): Fault[] {
    const fired: Fault[] = [];
    for (const fault of this.faults) {
      if (fault.endpoint !== "all" && fault.endpoint !== endpoint) continue;
      if (fault.rate !== undefined && this.random() >= fault.rate) continue;
      if (fault.count !== undefined) fault.count--;
      fired.push(fault);
    }
    this.faults = this.faults.filter((f) => f.count === undefined || f.count > 0);
    return fired;
  }
}

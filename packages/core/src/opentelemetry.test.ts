import { botPath, DEMO_CREDENTIAL } from "@mybot/test-kit";
import { SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import {
  AlwaysOffSampler,
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from "@opentelemetry/sdk-trace-base";
import { afterEach, describe, expect, it } from "vitest";
import { createMyBotError } from "./errors.ts";
import type { OperationInfo, OperationObserver } from "./observer.ts";
import { openTelemetry } from "./opentelemetry.ts";
import { VERSION } from "./version.ts";

const HISTORY_ROUTE =
  "/bot-api/v1.0/customer/{customerId}/bot/{botKey}/channel-user/{channelUserId}/conversations";
const HISTORY_URL = `https://api.mybot.example${botPath()}/channel-user/919812345678/conversations?page_number=0`;

const info: OperationInfo = {
  operation: "getChatHistory",
  method: "GET",
  route: HISTORY_ROUTE,
  baseUrl: new URL("https://api.mybot.example/"),
};

const headers = () => new Headers({ Authorization: "Basic secret-key-123" });
const answer = (status: number) => new Response(null, { status });

function setup(sampler?: AlwaysOffSampler) {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    spanProcessors: [new SimpleSpanProcessor(exporter)],
    ...(sampler ? { sampler } : {}),
  });
  const tracing = openTelemetry({ tracer: provider.getTracer("test") });
  // The tracing observer watches every step, so each method must be there.
  const observe = (what: OperationInfo = info): Required<OperationObserver> => {
    const observer = tracing.observe(what);
    if (!observer?.sent || !observer.answered || !observer.retrying || !observer.ended)
      throw new Error("expected an observer of every step");
    return observer as Required<OperationObserver>;
  };
  const spans = () => exporter.getFinishedSpans();
  const operationSpans = () => spans().filter((s) => s.kind === SpanKind.INTERNAL);
  const attemptSpans = () => spans().filter((s) => s.kind === SpanKind.CLIENT);
  return { tracing, observe, spans, operationSpans, attemptSpans };
}

function expectChildOf(child: ReadableSpan, parent: ReadableSpan): void {
  expect(child.parentSpanContext?.spanId).toBe(parent.spanContext().spanId);
  expect(child.spanContext().traceId).toBe(parent.spanContext().traceId);
}

const serverAttributes = { "server.address": "api.mybot.example", "server.port": 443 };
/** Every attribute of an attempt span: the request's, then what this attempt's outcome adds. */
const attemptAttributes = (outcome: Record<string, string | number>) => ({
  "http.request.method": "GET",
  "url.template": HISTORY_ROUTE,
  ...serverAttributes,
  ...outcome,
});
/** Every attribute of a `getChatHistory` operation span. */
const operationAttributes = (attempts: number, outcome: Record<string, string> = {}) => ({
  "mybot.operation": "getChatHistory",
  "mybot.attempts": attempts,
  ...outcome,
});

describe("openTelemetry", () => {
  afterEach(() => {
    trace.disable();
  });

  it("traces a success in one attempt: an operation span and one attempt span", () => {
    const { observe, spans, operationSpans, attemptSpans } = setup();
    const observer = observe();
    observer.sent(1, HISTORY_URL, headers());
    observer.answered(1, answer(200), 12);
    observer.ended(undefined, 1, 13);

    expect(spans()).toHaveLength(2);
    const [operation] = operationSpans();
    const [attempt] = attemptSpans();
    if (!operation || !attempt) throw new Error("missing spans");

    expect(operation.name).toBe("mybot.getChatHistory");
    expect(operation.attributes).toEqual(operationAttributes(1));
    expect(operation.status.code).toBe(SpanStatusCode.UNSET);
    expect(operation.parentSpanContext).toBeUndefined();

    expect(attempt.name).toBe(`GET ${HISTORY_ROUTE}`);
    expect(attempt.attributes).toEqual(attemptAttributes({ "http.response.status_code": 200 }));
    expect(attempt.status.code).toBe(SpanStatusCode.UNSET);
    expect(attempt.ended).toBe(true);
    expectChildOf(attempt, operation);
  });

  it("traces a 503 then a 200 as two attempt spans under one operation", () => {
    const { observe, spans, operationSpans, attemptSpans } = setup();
    const observer = observe();
    observer.sent(1, HISTORY_URL, headers());
    observer.answered(1, answer(503), 20);
    observer.retrying(
      1,
      createMyBotError({ kind: "server", message: "MyBOT answered 503", status: 503, code: 503 }),
      250,
      20,
    );
    observer.sent(2, HISTORY_URL, headers());
    observer.answered(2, answer(200), 15);
    observer.ended(undefined, 2, 290);

    expect(spans()).toHaveLength(3);
    const [operation] = operationSpans();
    const [first, second] = attemptSpans();
    if (!operation || !first || !second) throw new Error("missing spans");

    expect(first.attributes).toEqual(
      attemptAttributes({ "http.response.status_code": 503, "error.type": "503" }),
    );
    expect(first.status).toEqual({ code: SpanStatusCode.ERROR, message: "503" });

    expect(second.attributes).toEqual(
      attemptAttributes({ "http.request.resend_count": 1, "http.response.status_code": 200 }),
    );
    expect(second.status.code).toBe(SpanStatusCode.UNSET);

    expect(operation.attributes).toEqual(operationAttributes(2));
    expect(operation.status.code).toBe(SpanStatusCode.UNSET);
    expectChildOf(first, operation);
    expectChildOf(second, operation);
  });

  it("ends unanswered attempts at retrying and ended, with the error kind", () => {
    const { observe, spans, operationSpans, attemptSpans } = setup();
    const observer = observe();
    observer.sent(1, HISTORY_URL, headers());
    // No answer yet: the attempt's outcome is unknown, so its span stays open.
    expect(spans()).toHaveLength(0);
    observer.retrying(
      1,
      createMyBotError({ kind: "connection", message: "connect ECONNREFUSED" }),
      100,
      3,
    );
    expect(attemptSpans()).toHaveLength(1);
    observer.sent(2, HISTORY_URL, headers());
    observer.ended(
      createMyBotError({
        kind: "timeout",
        message: "MyBOT did not answer in 30000 ms",
        attempts: 2,
      }),
      2,
      30_103,
    );

    expect(spans()).toHaveLength(3);
    const [operation] = operationSpans();
    const [first, second] = attemptSpans();
    if (!operation || !first || !second) throw new Error("missing spans");

    expect(first.attributes).toEqual(attemptAttributes({ "error.type": "connection" }));
    expect(first.status).toEqual({ code: SpanStatusCode.ERROR, message: "connection" });
    expect(second.attributes).toEqual(
      attemptAttributes({ "http.request.resend_count": 1, "error.type": "timeout" }),
    );
    expect(second.status).toEqual({ code: SpanStatusCode.ERROR, message: "timeout" });

    expect(operation.attributes).toEqual(operationAttributes(2, { "error.type": "timeout" }));
    expect(operation.status).toEqual({ code: SpanStatusCode.ERROR, message: "timeout" });
    expect(operation.events).toEqual([]);
    expectChildOf(first, operation);
    expectChildOf(second, operation);
  });

  it("marks a final answered error with the status on the attempt and the kind on the operation", () => {
    const { observe, operationSpans, attemptSpans } = setup();
    const observer = observe({ ...info, operation: "getMatchingUsers" });
    observer.sent(1, HISTORY_URL, headers());
    observer.answered(1, answer(429), 8);
    observer.ended(
      createMyBotError({ kind: "rate_limited", message: "slow down", status: 429, attempts: 1 }),
      1,
      9,
    );

    const [operation] = operationSpans();
    const [attempt] = attemptSpans();
    expect(attemptSpans()).toHaveLength(1);
    expect(attempt?.attributes["error.type"]).toBe("429");
    expect(attempt?.attributes["http.response.status_code"]).toBe(429);
    expect(operation?.name).toBe("mybot.getMatchingUsers");
    expect(operation?.attributes["error.type"]).toBe("rate_limited");
    expect(operation?.status).toEqual({ code: SpanStatusCode.ERROR, message: "rate_limited" });
  });

  it("never records the URL, ids, key or error message", () => {
    const { customerId, botKey } = DEMO_CREDENTIAL;
    const secrets = ["919812345678", customerId, botKey, "secret-key-123", "Basic"];
    const { observe, spans } = setup();
    const observer = observe();
    observer.sent(1, HISTORY_URL, headers());
    observer.answered(1, answer(404), 5);
    observer.ended(
      createMyBotError({
        kind: "not_found",
        message: `user 919812345678 of bot ${botKey} (customer ${customerId}) not found`,
        status: 404,
        details: "919812345678",
        attempts: 1,
      }),
      1,
      6,
    );

    expect(spans()).toHaveLength(2);
    const recorded = spans().flatMap((s) => [
      s.name,
      s.status.message ?? "",
      ...Object.keys(s.attributes),
      ...Object.values(s.attributes).map(String),
      ...s.events.flatMap((e) => [e.name, ...Object.values(e.attributes ?? {}).map(String)]),
    ]);
    expect(recorded.length).toBeGreaterThan(10);
    for (const text of recorded) {
      for (const secret of secrets) expect(text).not.toContain(secret);
    }
    expect(recorded.some((text) => text.includes("https://"))).toBe(false);
    expect(spans().every((s) => s.events.length === 0)).toBe(true);
  });

  it("takes the port from the base URL, or from its protocol", () => {
    const { observe, attemptSpans } = setup();
    for (const baseUrl of ["http://localhost:8080/", "http://mock.local/", "https://[::1]/"]) {
      const observer = observe({ ...info, baseUrl: new URL(baseUrl) });
      observer.sent(1, HISTORY_URL, headers());
      observer.answered(1, answer(200), 1);
      observer.ended(undefined, 1, 1);
    }
    expect(
      attemptSpans().map((s) => [s.attributes["server.address"], s.attributes["server.port"]]),
    ).toEqual([
      ["localhost", 8080],
      ["mock.local", 80],
      ["::1", 443],
    ]);
  });

  it("sits out operations that are not sampled", () => {
    const { tracing, spans } = setup(new AlwaysOffSampler());
    expect(tracing.observe(info)).toBeUndefined();
    expect(spans()).toHaveLength(0);
  });

  it("uses the global tracer named after the package by default", () => {
    const exporter = new InMemorySpanExporter();
    const provider = new BasicTracerProvider({
      spanProcessors: [new SimpleSpanProcessor(exporter)],
    });
    // Created before the provider is registered: the API's proxy tracer must still reach it.
    const tracing = openTelemetry();
    expect(trace.setGlobalTracerProvider(provider)).toBe(true);
    const observer = tracing.observe(info);
    observer?.sent?.(1, HISTORY_URL, headers());
    observer?.answered?.(1, answer(200), 1);
    observer?.ended?.(undefined, 1, 1);

    const finished = exporter.getFinishedSpans();
    expect(finished).toHaveLength(2);
    for (const span of finished) {
      expect(span.instrumentationScope).toMatchObject({ name: "@mybot/core", version: VERSION });
    }
  });

  it("costs nothing without an SDK: no observer", () => {
    expect(openTelemetry().observe(info)).toBeUndefined();
  });
});

import { describe, expect, it } from "vitest";
import { onAbort } from "./on-abort.ts";
import { failure, scriptedFetch, testClient } from "./test-helpers.ts";

describe("one caller's signal shared by many requests", () => {
  it("carries one listener, whatever the number of calls, and still aborts every one", async () => {
    const warnings: Error[] = [];
    const onWarning = (w: Error) => warnings.push(w);
    process.on("warning", onWarning);
    try {
      const controller = new AbortController();
      const { fetch } = scriptedFetch(
        (request) =>
          new Promise((_, reject) =>
            request.signal.addEventListener("abort", () => reject(request.signal.reason)),
          ),
      );
      const client = testClient(fetch);
      const calls = Array.from({ length: 50 }, (_, i) =>
        failure(client.getChatHistory(`u${i}`, { signal: controller.signal })),
      );
      await new Promise((resolve) => setTimeout(resolve, 20));
      controller.abort(new Error("stopping"));
      const errors = await Promise.all(calls);
      expect(errors.every((e) => e.name === "MyBotAbortError")).toBe(true);
      // Warnings are emitted on the next tick.
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.filter((w) => w.name === "MaxListenersExceededWarning")).toEqual([]);
    } finally {
      process.off("warning", onWarning);
    }
  });

  it("calls a callback once on abort, and never one that was forgotten", () => {
    const controller = new AbortController();
    const calls: string[] = [];
    onAbort(controller.signal, () => calls.push("kept"));
    const forget = onAbort(controller.signal, () => calls.push("forgotten"));
    forget();
    controller.abort();
    controller.abort();
    expect(calls).toEqual(["kept"]);
  });
});

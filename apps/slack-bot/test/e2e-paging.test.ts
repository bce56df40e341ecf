import { HISTORY_SHAPE_VARIANTS } from "@mybot/sandbox";
/**
 * Typed paging end to end, on every history shape the sandbox can serve: the newest page, then
 * the footer's Older commands, pinned so that new messages cannot shift the pages.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SlackBot } from "../src/app.ts";
import { lines, numbered, olderCommand, range, useE2E } from "./e2e-app.ts";

const e2e = useE2E();

describe.each(HISTORY_SHAPE_VARIANTS)("/mybot history, MyBOT serving %s", (label, shape) => {
  let shaped: SlackBot;
  beforeAll(async () => {
    await e2e.mybot.admin.setShape(shape);
    // A new client: a client remembers the order it detected, and this MyBOT changed it.
    shaped = e2e.app();
  });
  afterAll(async () => {
    await shaped.idle();
    await e2e.mybot.admin.setShape(HISTORY_SHAPE_VARIANTS[0]?.[1] ?? {});
  });

  it("shows the newest messages oldest first, and pages back without overlap or gap", async () => {
    const id = `pager-${label.replace(/\W+/g, "-")}`;
    const start = Date.now() - 3_600_000;
    await e2e.mybot.putUser(id, numbered(45, start));
    const newest = await e2e.capture.postTo((await e2e.run(`history ${id}`, {}, shaped)).hookPath);
    // The total is known when the server sends it or the client had to count (oldest first).
    expect(newest.text).toMatch(
      new RegExp(`^Chat history of ${id}: the latest 20 messages( of 45)?$`),
    );
    expect(lines(newest)).toEqual(range(25, 45));
    const older = olderCommand(newest);
    expect(older).toMatch(
      new RegExp(
        `^history ${id} until \\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z page 2$`,
      ),
    );

    // A message arriving meanwhile cannot shift the pages: the window's end is pinned.
    await e2e.addMessages(id, [{ timestamp: Date.now() - 1, sender: "user", response: "line 99" }]);
    const second = await e2e.capture.postTo((await e2e.run(older as string, {}, shaped)).hookPath);
    expect(second.text).toMatch(
      new RegExp(`^Chat history of ${id}: page 2 back from the latest, 20 messages( of 45)?$`),
    );
    expect(lines(second)).toEqual(range(5, 25));
    const third = await e2e.capture.postTo(
      (await e2e.run(olderCommand(second) as string, {}, shaped)).hookPath,
    );
    expect(lines(third)).toEqual(range(0, 5));
    expect(olderCommand(third)).toBeUndefined();
    expect(JSON.stringify(third.blocks)).toContain("Newer: `/mybot history");

    // Without `until`, the newest again, the new one included.
    const latest = await e2e.capture.postTo(
      (await e2e.run(`history ${id} limit 3`, {}, shaped)).hookPath,
    );
    expect(lines(latest)).toEqual([43, 44, 99]);
  });
});

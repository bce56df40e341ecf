import { execFile } from "node:child_process";
import { chmodSync, mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { bun, deno } from "@mybot/test-kit";
import { describe, expect, it } from "vitest";
import { openDatabase, openDatabaseSync } from "./open-database.ts";

const dir = () => mkdtempSync(join(tmpdir(), "mybot-sqlite-"));
const modeOf = (path: string) => statSync(path).mode & 0o777;

describe.each([
  ["openDatabase", openDatabase],
  ["openDatabaseSync", openDatabaseSync],
])("%s on Node", (_, open) => {
  it("creates a new file readable by its owner only, and keeps an existing file's mode", async () => {
    const at = dir();
    const db = await open(join(at, "new.db"));
    db.exec("CREATE TABLE t (x)");
    db.close();
    expect(modeOf(join(at, "new.db"))).toBe(0o600);
    writeFileSync(join(at, "shared.db"), "");
    chmodSync(join(at, "shared.db"), 0o640);
    (await open(join(at, "shared.db"))).close();
    expect(modeOf(join(at, "shared.db"))).toBe(0o640);
  });

  it("rolls a failed transaction back, and answers through better-sqlite3", async () => {
    const db = await open(":memory:");
    expect(db.name).toBe("better-sqlite3");
    db.exec("CREATE TABLE t (x INTEGER)");
    expect(() =>
      db.transaction(() => {
        db.prepare("INSERT INTO t VALUES (?)").run(1);
        throw new Error("no");
      }),
    ).toThrow("no");
    expect(db.prepare("SELECT count(*) AS n FROM t").get()).toEqual({ n: 0 });
    expect(db.prepare("INSERT INTO t VALUES (?)").run(2).changes).toBe(1);
    db.close();
  });
});

// Each runtime's own driver, opened both ways, in a child process of that runtime.
const script = fileURLToPath(new URL("./runtime-check.fixture.ts", import.meta.url));
it.each([
  ["bun", bun, [script], "bun:sqlite"],
  ["deno", deno, ["run", "-A", script], "node:sqlite"],
])("opens with %s's own driver, both ways", async (_, binary, args, driver) => {
  const at = dir();
  const { stdout } = await promisify(execFile)(binary, [...args, join(at, "x.db")], {
    env: { ...process.env, NO_COLOR: "1" },
  });
  expect(stdout.trim()).toBe(`${driver} ${driver} 600`);
});

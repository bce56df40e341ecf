import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { newUser } from "./apply.ts";
import { openStateStore } from "./open-state-store.ts";
import { emptyCohort, StateFileError } from "./state.ts";
import { loadState, openStateDb } from "./state-db.ts";
import { migrateLegacyState } from "./state-legacy.ts";

const tmp = () => mkdtempSync(join(tmpdir(), "exporter-legacy-"));

/** A state.json as the exporter before SQLite wrote it. */
function legacyState() {
  const gold = {
    ...emptyCohort(),
    userCount: 2,
    messages: { user: 7, bot: 5, agent: 1 },
    conversations: 3,
    users: {
      "919812345678": {
        ...newUser(),
        cursor: 1_700_000_000_500,
        idsAtCursor: ["fp-0011223344556677", "fp-0011223344556677"],
        lastAt: 1_700_000_000_500,
        lastUserMessageAt: 1_700_000_000_000,
      },
      "919800000001": { ...newUser(), cursor: 1_600_000_000_000, left: true },
    },
  };
  const { left: _, lastReadAt: __, ...oldShape } = gold.users["919812345678"];
  gold.users["919812345678"] = oldShape as (typeof gold.users)["919812345678"];
  return {
    version: 1,
    cohorts: { gold },
    api: { requests: { "history\u0000200": 42 }, durations: {} },
    pollErrors: { timeout: 2 },
  };
}

describe("a JSON state of an earlier version", () => {
  it("is migrated once, counters and cursors kept, and renamed *.migrated", () => {
    const dir = tmp();
    const legacy = legacyState();
    writeFileSync(join(dir, "state.json"), JSON.stringify(legacy));
    // Last written by the old exporter, which read every user on every poll.
    utimesSync(join(dir, "state.json"), 1_700_000_100, 1_700_000_100);
    const store = openStateStore(dir, "state.db", "state.json");
    expect(readdirSync(dir)).toContain("state.json.migrated");
    expect(existsSync(join(dir, "state.json"))).toBe(false);
    const { users, ...counts } = legacy.cohorts.gold;
    expect(store.published.cohorts.gold).toEqual(counts);
    expect(store.published.api).toEqual(legacy.api);
    expect(store.published.pollErrors).toEqual({ timeout: 2 });
    const gold = store.cohort("gold");
    expect(gold.read("919812345678")).toMatchObject({
      cursor: 1_700_000_000_500,
      idsAtCursor: ["fp-0011223344556677", "fp-0011223344556677"],
      left: false,
      lastReadAt: 1_700_000_100_000,
    });
    expect(gold.read("919800000001")).toMatchObject({ cursor: 1_600_000_000_000, left: true });
    expect(store.index.get("gold")?.size).toBe(Object.keys(users).length);
    // Due by that read, not as never read: ready after one listing round, not a whole pass.
    expect(store.index.get("gold")?.get("919812345678")?.lastReadAt).toBe(1_700_000_100_000);
    store.close();
    // A second start finds nothing to migrate, and the same counts.
    expect(loadState(dir).cohorts.gold).toEqual(counts);
  });

  it("is only renamed when a crash came between the migration's commit and the rename", () => {
    const dir = tmp();
    writeFileSync(join(dir, "state.json"), JSON.stringify(legacyState()));
    const db = openStateDb(dir, "state.db");
    migrateLegacyState(db, dir, "state.json");
    // The crash: the file is back under its old name, as if the rename never happened.
    writeFileSync(join(dir, "state.json"), JSON.stringify(legacyState()));
    expect(migrateLegacyState(db, dir, "state.json")).toBe(0);
    db.close();
    expect(loadState(dir).cohorts.gold?.messages).toEqual({ user: 7, bot: 5, agent: 1 });
    expect(existsSync(join(dir, "state.json"))).toBe(false);
  });

  const broken = (text: string) => {
    const dir = tmp();
    writeFileSync(join(dir, "state.json"), text);
    return dir;
  };

  it.each([
    ['{"version":1,"cohorts":{"gold":{"us', /not valid JSON/],
    ["", /not valid JSON/],
    ["null", /not an exporter state/],
    ['{"version":2,"cohorts":{}}', /version 2 is not 1/],
    ['{"version":1}', /no cohorts/],
  ])("is refused in one sentence naming the file and what to do: %j", (text, why) => {
    const dir = broken(text);
    let error: unknown;
    try {
      openStateStore(dir, "state.db", "state.json");
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(StateFileError);
    const message = (error as Error).message;
    expect(message).toContain(join(dir, "state.json"));
    expect(message).toMatch(why);
    expect(message).toMatch(/restore it from a backup, or move it aside to start afresh/);
    expect(message).not.toContain("\n");
  });

  it("is refused the same way when it cannot be read at all", () => {
    const dir = tmp();
    mkdirSync(join(dir, "state.json"));
    expect(() => openStateStore(dir, "state.db", "state.json")).toThrow(
      new StateFileError(
        `cannot resume from the state file ${join(dir, "state.json")}: it cannot be read (EISDIR); restore it from a backup, or move it aside to start afresh (every history is then read again from the backfill, and the counters start over)`,
      ),
    );
  });

  it("is refused, not merged, when the database beside it already holds a state", () => {
    const dir = tmp();
    const store = openStateStore(dir, "state.db", "state.json");
    store.cohort("gold").counts.messages.user = 1;
    store.commit();
    store.close();
    writeFileSync(join(dir, "state.json"), JSON.stringify(legacyState()));
    expect(() => openStateStore(dir, "state.db", "state.json")).toThrow(/already holds a state/);
    expect(loadState(dir).cohorts.gold?.messages.user).toBe(1);
  });
});

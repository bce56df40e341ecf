/**
 * The exporter's state as it runs: the working counts reads fold into, the users read since the
 * last commit (dirty), and what the last commit made durable (published, and the user index).
 * A commit writes the dirty users, the membership changes and the counter rows that differ, in
 * one transaction: a save costs what changed, and a user's cursor and the counts it moved are
 * durable together or not at all. A commit that fails (a full disk) changes nothing in memory
 * but the error: the exposition stays at the last commit, and the dirty work is retried.
 *
 * @module
 */
import type { SqlDatabase } from "@mybot/sqlite";
import { type ApiStats, createApiStats } from "./api-metrics.ts";
import { newUser } from "./apply.ts";
import type { Staleness } from "./staleness.ts";
import {
  type BudgetCounters,
  type CohortState,
  type ExporterState,
  emptyCohort,
  type UserState,
} from "./state.ts";
import { writeChanges } from "./state-commit.ts";
import { openStateDb, readCounters } from "./state-db.ts";
import { CohortIndex } from "./user-index.ts";
import { userReader } from "./user-rows.ts";

/** What a read of one cohort's users needs: its working counts, and its users' states. */
export interface CohortHandle {
  readonly counts: CohortState;
  /** The user's latest state: uncommitted, else as committed, else a new user. */
  read(userId: string): UserState;
  /** The user's state moved (with the counts): the next commit writes it. */
  changed(userId: string, user: UserState): void;
}

/** What a commit published: a state whose own counters, unlike a file's, are always there. */
export type PublishedState = ExporterState &
  Required<Pick<ExporterState, "api" | "pollErrors" | "budget">>;

const clone = <T>(value: T): T => structuredClone(value);

export class StateStore {
  #db: SqlDatabase | null;
  #readUser: ((cohort: string, id: string) => UserState | null) | null;
  #closed = false;
  #working = new Map<string, CohortState>();
  #written = new Map<string, string>();
  #dirty = new Map<string, Map<string, UserState>>();
  #membership = new Map<string, Map<string, boolean>>();
  #drops = new Set<string>();
  #published: PublishedState;
  /** Rows the last successful commit wrote. */
  lastCommitChanges = 0;
  readonly api: ApiStats;
  readonly pollErrors: Record<string, number>;
  /** Carried over from the state file; the collector adds this process's before each commit. */
  readonly budget: BudgetCounters;

  constructor(
    db: SqlDatabase | null,
    readonly path: { dir: string; file: string },
    readonly index: Map<string, CohortIndex>,
  ) {
    this.#db = db;
    this.#readUser = db ? userReader(db) : null;
    const saved = db ? readCounters(db) : { version: 1 as const, cohorts: {} };
    for (const [name, counts] of Object.entries(saved.cohorts)) {
      this.#working.set(name, counts);
      this.#written.set(name, JSON.stringify(counts));
    }
    this.api = saved.api ?? createApiStats();
    this.pollErrors = saved.pollErrors ?? {};
    this.budget = saved.budget ?? { granted: 0, throttled: 0, waitedSeconds: 0 };
    for (const name of ["api", "pollErrors", "budget"] as const)
      if (saved[name]) this.#written.set(`\u0000${name}`, JSON.stringify(saved[name]));
    this.#published = clone({
      ...saved,
      api: this.api,
      pollErrors: this.pollErrors,
      budget: this.budget,
    });
  }

  /** What the last commit holds: the counters the exposition shows. */
  get published(): PublishedState {
    return this.#published;
  }

  /** Users read, or whose membership changed, since the last commit. */
  get pending(): number {
    let n = 0;
    for (const users of this.#dirty.values()) n += users.size;
    return n;
  }

  /** The open connection, for tests and benchmarks (null until the directory can be written). */
  get database(): SqlDatabase | null {
    return this.#db;
  }

  cohort(name: string): CohortHandle {
    const counts = this.#working.get(name) ?? emptyCohort();
    this.#working.set(name, counts);
    const dirty = this.#dirty.get(name) ?? new Map<string, UserState>();
    this.#dirty.set(name, dirty);
    return {
      counts,
      read: (id) => {
        if (this.#closed) throw new Error("the state store is closed");
        const user = dirty.get(id) ?? this.#readUser?.(name, id) ?? newUser();
        const left = this.#membership.get(name)?.get(id);
        if (left !== undefined) user.left = left;
        return user;
      },
      changed: (id, user) => void dirty.set(id, user),
    };
  }

  /** The users the cohort's listing returned: the others stop counting as active. */
  setMembers(cohort: string, listed: readonly string[]): void {
    this.cohort(cohort).counts.userCount = listed.length;
    const index = this.index.get(cohort);
    if (!index) return;
    const changes = this.#membership.get(cohort) ?? new Map<string, boolean>();
    this.#membership.set(cohort, changes);
    const members = new Set(listed);
    index.forEach((id, { left }) => {
      const wasLeft = changes.get(id) ?? left;
      if (wasLeft === members.has(id)) changes.set(id, !wasLeft);
    });
  }

  /** Forgets the cohorts not named, at once in the exposition and in the file at the next commit. */
  dropCohortsExcept(names: readonly string[]): string[] {
    const keep = new Set(names);
    const dropped = [...new Set([...this.#working.keys(), ...this.index.keys()])].filter(
      (name) => !keep.has(name),
    );
    for (const name of dropped) {
      for (const map of [this.#working, this.index, this.#dirty, this.#membership])
        map.delete(name);
      delete this.#published.cohorts[name];
      this.#drops.add(name);
    }
    return dropped;
  }

  /** Active users of a cohort as committed, for each instant: see CohortIndex.activeSince. */
  activeUsers(cohort: string, instants: readonly number[]): number[] {
    return this.index.get(cohort)?.activeSince(instants) ?? instants.map(() => 0);
  }

  /** How old a cohort's committed data is, per listed user: see staleness.ts. */
  staleness(cohort: string, now: number, maxStalenessMs: number): Staleness {
    return (
      this.index.get(cohort)?.staleness(now, maxStalenessMs) ?? {
        quantiles: [],
        overdue: 0,
        read: 0,
        sumMs: 0,
      }
    );
  }

  /**
   * Makes everything since the last commit durable, in one transaction.
   *
   * @throws the file system's or SQLite's error; then nothing changed, and the next call retries
   */
  commit(): void {
    const db = this.#open();
    const rows: [string, string][] = [];
    for (const [name, counts] of this.#working) rows.push([name, JSON.stringify(counts)]);
    rows.push(["\u0000api", JSON.stringify(this.api)]);
    rows.push(["\u0000pollErrors", JSON.stringify(this.pollErrors)]);
    rows.push(["\u0000budget", JSON.stringify(this.budget)]);
    const changed = rows.filter(([key, json]) => this.#written.get(key) !== json);
    this.lastCommitChanges = writeChanges(db, {
      drops: this.#drops,
      dirty: this.#dirty,
      membership: this.#membership,
      rows: changed,
    });
    // Durable: memory follows.
    for (const [key, json] of changed) this.#written.set(key, json);
    for (const [cohort, users] of this.#dirty) {
      const index = this.index.get(cohort) ?? new CohortIndex();
      this.index.set(cohort, index);
      for (const [id, user] of users)
        index.set(id, {
          lastMessageAt: user.lastAt,
          lastReadAt: user.lastReadAt ?? null,
          lastUserMessageAt: user.lastUserMessageAt,
          left: user.left === true,
        });
      users.clear();
    }
    for (const [cohort, changes] of this.#membership) {
      for (const [id, left] of changes) this.index.get(cohort)?.setLeft(id, left);
      changes.clear();
    }
    this.#drops.clear();
    this.#published = clone({
      version: 1,
      cohorts: Object.fromEntries(this.#working),
      api: this.api,
      pollErrors: this.pollErrors,
      budget: this.budget,
    });
  }

  /**
   * Copies the journal into the file (a passive checkpoint: it never waits on readers), so that
   * commits stay small; the collector calls it after each poll, when no commit is waiting.
   */
  checkpoint(): void {
    this.#db?.exec("PRAGMA wal_checkpoint(PASSIVE)");
  }

  close(): void {
    this.#db?.close();
    this.#db = null;
    this.#closed = true;
  }

  /** The connection, opened now if the directory could not be written at start. */
  #open(): SqlDatabase {
    if (this.#closed) throw new Error("the state store is closed");
    if (!this.#db) {
      this.#db = openStateDb(this.path.dir, this.path.file);
      this.#readUser = userReader(this.#db);
    }
    return this.#db;
  }
}

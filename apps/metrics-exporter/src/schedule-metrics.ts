/**
 * The exposition of the request budget and of freshness: what the exporter spends toward
 * MyBOT, how far 429s have cut it, and how old each cohort's data is. The budget's counters are
 * committed with the others (a crash never takes them back), its pace is live; the ages come
 * from the state as committed, the data a scrape shows.
 *
 * @module
 */
import type { Definition, MetricsSource } from "./metrics.ts";
import type { BudgetStats } from "./request-budget.ts";
import { STALENESS_QUANTILES, type Staleness } from "./staleness.ts";
import type { BudgetCounters } from "./state.ts";

/** A cohort's freshness: the staleness of its users read, and how many wait for a first read. */
export type Freshness = Staleness & { unread: number };

/** One scrape asks for each cohort's freshness twice; this keeps it to one pass. */
function memoised(source: MetricsSource) {
  let at = Number.NaN;
  let byCohort = new Map<string, Freshness>();
  return (cohort: string, now: number): Freshness | undefined => {
    if (!source.freshness) return undefined;
    if (now - at > 1000 || now < at) {
      at = now;
      byCohort = new Map();
    }
    let f = byCohort.get(cohort);
    if (!f) {
      f = source.freshness(cohort, now);
      byCohort.set(cohort, f);
    }
    return f;
  };
}

/**
 * @example
 * ```ts
 * const all = [...definitions(source), ...scheduleDefinitions(source)];
 * ```
 */
export function scheduleDefinitions(source: MetricsSource): Definition[] {
  const now = () => (source.now ?? Date.now)();
  const cohorts = () => Object.keys(source.state.cohorts);
  const freshness = memoised(source);
  const budget = (pick: (s: BudgetStats) => number) =>
    source.budget ? [{ value: pick(source.budget()) }] : [];
  // Committed with the other counters, so that, like them, they never go back across a crash.
  const spent = (pick: (c: BudgetCounters) => number) =>
    source.state.budget ? [{ value: pick(source.state.budget) }] : [];
  const perCohort = (pick: (f: Freshness) => number) => () => {
    const at = now();
    return cohorts().flatMap((cohort) => {
      const f = freshness(cohort, at);
      return f ? [{ labels: { cohort }, value: pick(f) }] : [];
    });
  };
  return [
    {
      name: "mybot_request_budget_requests_per_second",
      type: "gauge",
      help: "The request budget toward MyBOT (max_requests_per_second), shared by every listing, page and retry.",
      values: () => budget((s) => s.budget),
    },
    {
      name: "mybot_request_budget_effective_requests_per_second",
      type: "gauge",
      help: "The pace the exporter allows itself now: the budget, or less for a while after 429s.",
      values: () => budget((s) => s.effectiveRate),
    },
    {
      name: "mybot_request_budget_granted_total",
      type: "counter",
      help: "Requests to MyBOT let through by the budget.",
      values: () => spent((c) => c.granted),
    },
    {
      name: "mybot_request_budget_throttled_total",
      type: "counter",
      help: "Answers 429 (or 503 with Retry-After); each pauses and slows the budget.",
      values: () => spent((c) => c.throttled),
    },
    {
      name: "mybot_request_budget_wait_seconds_total",
      type: "counter",
      help: "Time requests spent waiting for their turn in the budget, all together.",
      values: () => spent((c) => c.waitedSeconds),
    },
    {
      name: "mybot_read_lag_seconds",
      type: "gauge",
      help: "How late the most overdue user's read is: above a few seconds for long, the budget is too small for the schedule.",
      values: () => (source.readLagMs ? [{ value: source.readLagMs(now()) / 1000 }] : []),
    },
    {
      // A summary of the users now, not of observations over time: _sum and _count are the
      // users' ages added up and their number (so _sum / _count is the mean), and can go down.
      name: "mybot_cohort_staleness_seconds",
      type: "summary",
      help: "Time since the last read of the cohort's users (listed, read at least once), at each quantile; 1 is the oldest.",
      values: () => {
        const at = now();
        return cohorts().flatMap((cohort) => {
          const f = freshness(cohort, at);
          if (!f) return [];
          const name = "mybot_cohort_staleness_seconds";
          return [
            ...f.quantiles.map((ms, i) => ({
              labels: { cohort, quantile: STALENESS_QUANTILES[i] as number },
              value: ms / 1000,
            })),
            { metricName: `${name}_sum`, labels: { cohort }, value: f.sumMs / 1000 },
            { metricName: `${name}_count`, labels: { cohort }, value: f.read },
          ];
        });
      },
    },
    {
      name: "mybot_cohort_users_overdue",
      type: "gauge",
      help: "Users of the cohort whose last read began more than max_staleness ago.",
      values: perCohort((f) => f.overdue),
    },
    {
      name: "mybot_cohort_users_unread",
      type: "gauge",
      help: "Users of the cohort listed but not yet read once by this process or before its restart.",
      values: perCohort((f) => f.unread),
    },
  ];
}

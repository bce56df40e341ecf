// Sums the vitest JSON reports (every package writes test-results/vitest.json) into one line,
// "N passed, N failed". A failed run that left no failing test behind (install, lint, types,
// build) counts as one failure, so the line never reads green when the run was not.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

const status = Number(process.argv[2] ?? 0);
const reports = [];
for (const top of ["packages", "apps", "contracts"]) {
  let entries = [];
  try {
    entries = readdirSync(top);
  } catch {
    continue;
  }
  for (const name of entries) {
    for (const dir of [join(top, name), top]) {
      const file = join(dir, "test-results", "vitest.json");
      try {
        if (statSync(file).isFile() && !reports.includes(file)) reports.push(file);
      } catch {}
    }
  }
}

let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of reports) {
  const report = JSON.parse(readFileSync(file, "utf8"));
  passed += report.numPassedTests ?? 0;
  failed += report.numFailedTests ?? 0;
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  // A file that failed to load has no failed test but is a failure all the same.
  for (const suite of report.testResults ?? []) {
    if (
      suite.status === "failed" &&
      (suite.assertionResults ?? []).every((t) => t.status !== "failed")
    )
      failed++;
  }
}
if (status !== 0 && failed === 0) {
  failed = 1;
  console.log(`totals: the run failed outside the tests (exit ${status}); counted as one failure`);
}
console.log(`reports: ${reports.length}`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);

// Sums the vitest JSON reports (every package writes test-results/*.json) into one line,
// "N passed, N failed". A failed run that left no failing test behind (install, lint, types,
// build) counts as one failure, so the line never reads green when the run was not.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const status = Number(process.argv[2] ?? 0);
const dirs = ["contracts"];
for (const top of ["packages", "apps"]) {
  if (existsSync(top)) for (const name of readdirSync(top)) dirs.push(join(top, name));
}
const reports = dirs
  .map((dir) => join(dir, "test-results"))
  .filter((dir) => existsSync(dir))
  .flatMap((dir) =>
    readdirSync(dir)
      .filter((f) => f.endsWith(".json"))
      .map((f) => join(dir, f)),
  );

let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of reports) {
  const report = JSON.parse(readFileSync(file, "utf8"));
  passed += report.numPassedTests ?? 0;
  failed += report.numFailedTests ?? 0;
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  // A test file that failed to load has no failed test but is a failure all the same.
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
console.log(`totals from ${reports.length} reports: ${reports.join(", ")}`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);

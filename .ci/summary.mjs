// CI's closing lines, from vitest's JSON report: the ten slowest test files, then a plain
// "N passed, N failed" that CI reads. A file that failed without a failing test (it did not load,
// or a hook failed before its tests ran) counts as one failure: such a run must never read green.
import { readFileSync } from "node:fs";

const report = JSON.parse(readFileSync(process.argv[2], "utf8"));
const files = report.testResults ?? [];

const slowest = files
  .map((f) => ({ name: f.name.replace(`${process.cwd()}/`, ""), seconds: (f.endTime - f.startTime) / 1000 }))
  .sort((a, b) => b.seconds - a.seconds)
  .slice(0, 10);
console.log("\nSlowest test files:");
for (const f of slowest) console.log(`  ${f.seconds.toFixed(1).padStart(6)} s  ${f.name}`);

const brokenFiles = files.filter(
  (f) => f.status === "failed" && !(f.assertionResults ?? []).some((a) => a.status === "failed"),
);
for (const f of brokenFiles)
  console.log(`Failed without a failing test: ${f.name}\n  ${(f.message ?? "").split("\n")[0]}`);
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
const failed = (report.numFailedTests ?? 0) + brokenFiles.length;
console.log(`${report.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exitCode = failed ? 1 : 0;

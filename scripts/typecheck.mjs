// Type-checks the two TypeScript projects (the packages, and the portal with its own JSX and
// module settings) side by side: each tsc is single-threaded, so on two cores the pair takes
// the time of the longer one. Prints each project's findings and fails if either has any.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";

const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
const projects = ["tsconfig.json", "web/tsconfig.json"];

const results = await Promise.all(
  projects.map(
    (project) =>
      new Promise((resolve) => {
        const child = spawn(process.execPath, [tsc, "-p", project, "--noEmit", "--pretty"], { stdio: "pipe" });
        let output = "";
        child.stdout.on("data", (d) => (output += d));
        child.stderr.on("data", (d) => (output += d));
        child.on("close", (code) => resolve({ project, code, output }));
      }),
  ),
);
for (const { project, code, output } of results) {
  if (code !== 0) process.stdout.write(`\n${project}:\n${output}`);
}
process.exit(results.some((r) => r.code !== 0) ? 1 : 0);

#!/usr/bin/env node
// `npm start` on a fresh clone: install what is missing, then run the local platform with tsx.
// Plain JavaScript on purpose: it must run before any dependency is installed.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";

const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`MedLoop needs Node.js 20.19 or newer (found ${process.versions.node}).`);
  process.exit(1);
}

const installed = existsSync("node_modules/.package-lock.json");
const stale = installed && statSync("package-lock.json").mtimeMs > statSync("node_modules/.package-lock.json").mtimeMs;
if (!installed || stale) {
  console.log(
    installed ? "Dependencies changed: running npm install…" : "First run: installing dependencies (npm ci)…",
  );
  const r = spawnSync("npm", [installed ? "install" : "ci", "--no-audit", "--no-fund"], { stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const args = ["--import", "tsx", "infra/src/local/cli.ts", ...process.argv.slice(2)];
const child = spawn(process.execPath, args, {
  stdio: "inherit",
  env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true", ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
});
// Ctrl-C reaches the whole foreground process group; the platform stops its children itself.
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));

import { type ChildProcess, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { IDLE_CONNECTION_MS, waitFor } from "./ports.ts";

/**
 * The Next.js portal as a child process: `next build` only when the sources or the installed
 * package versions changed since the last build (a stamp in `web/.next`), then `next start`.
 * The server runs in its own process group, so `stop()` ends it and every worker it forked.
 */
export interface PortalOptions {
  port: number;
  /** The MedLoop API the portal calls server-side. */
  apiUrl: string;
  /** Encrypts the session cookie (NEXTAUTH_SECRET): at least 32 characters, never public. */
  secret: string;
  log?: (line: Record<string, unknown>) => void;
}

export interface Portal {
  url: string;
  /** Build time (null when the existing build was current) and time from spawn to first answer. */
  timings: { buildMs: number | null; readyMs: number };
  stop(): Promise<void>;
}

/**
 * Runs `next start` as its child and ends the whole group when this process's stdin closes, which
 * happens however the parent dies (even SIGKILL), so a crashed test run leaves no server behind.
 */
const LEASH = `
const { spawn } = require("node:child_process");
const [bin, ...args] = process.argv.slice(1);
const next = spawn(process.execPath, [bin, ...args], { stdio: ["ignore", "inherit", "inherit"] });
const end = () => { try { process.kill(-process.pid, "SIGKILL"); } catch {} };
process.stdin.on("end", end).on("error", end).resume();
process.on("SIGTERM", () => next.kill("SIGTERM"));
next.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
`;

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const WEB = join(ROOT, "web");
const SHARED_SRC = join(ROOT, "shared", "src");
const STAMP = join(WEB, ".next", "medloop-build-stamp.json");
/** Everything the build's output depends on, besides the sources: compiler, framework, libraries. */
const PACKAGES = ["next", "react", "react-dom", "next-auth", "zod", "server-only", "typescript", "@types/react"];
const SKIP = new Set(["node_modules", ".next", "next-env.d.ts", "tsconfig.tsbuildinfo"]);

const nextBin = () => createRequire(join(WEB, "package.json")).resolve("next/dist/bin/next");

/**
 * `next build` when the sources or packages changed since the last build, else nothing: the build
 * time in ms, or null. The test run starts it at once (test/global-setup.ts), so the build overlaps
 * the seeding instead of following it in the first portal suite.
 */
export function buildPortal(log: (line: Record<string, unknown>) => void = () => undefined): Promise<number | null> {
  return buildIfStale(nextBin(), childEnv(), log);
}

export async function startPortal(opts: PortalOptions): Promise<Portal> {
  const log = opts.log ?? (() => undefined);
  const buildMs = await buildPortal(log);
  const env = childEnv();

  const url = `http://127.0.0.1:${opts.port}`;
  const t0 = Date.now();
  const child = spawn(
    process.execPath,
    [
      "-e",
      LEASH,
      nextBin(),
      "start",
      "--port",
      String(opts.port),
      "--hostname",
      "127.0.0.1",
      "--keepAliveTimeout",
      String(IDLE_CONNECTION_MS),
    ],
    {
      cwd: WEB,
      env: { ...env, MEDLOOP_API_URL: opts.apiUrl, NEXTAUTH_URL: url, NEXTAUTH_SECRET: opts.secret },
      // stdin is the leash (see LEASH); stdout and stderr are read for logs and errors.
      stdio: ["pipe", "pipe", "pipe"],
      // Its own process group: stop() signals the group, Ctrl-C in a terminal does not bypass stop().
      detached: true,
    },
  );
  const killOnExit = () => killGroup(child, "SIGKILL");
  process.once("exit", killOnExit);
  const output = capture(child, (line) => log({ msg: "portal", line }));
  const exited = new Promise<never>((_, reject) =>
    child.once("exit", (code, signal) => {
      process.off("exit", killOnExit);
      reject(new Error(`The portal exited (${signal ?? `code ${code}`}) before it answered:\n${output()}`));
    }),
  );
  exited.catch(() => undefined);

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise<void>((r) => child.once("exit", () => r()));
    killGroup(child, "SIGTERM");
    const timer = setTimeout(() => killGroup(child, "SIGKILL"), 5_000);
    await gone;
    clearTimeout(timer);
    // Workers forked by `next start` share the group: make sure none outlives the server.
    killGroup(child, "SIGKILL");
  };

  try {
    await Promise.race([
      exited,
      waitFor(
        async () => {
          const res = await fetch(`${url}/api/auth/providers`, { signal: AbortSignal.timeout(5_000) });
          return res.ok;
        },
        { timeoutMs: 60_000, intervalMs: 100, what: `the portal to answer on ${url}` },
      ),
    ]);
  } catch (e) {
    await stop();
    throw e;
  }
  const readyMs = Date.now() - t0;
  log({ msg: "portal ready", url, buildMs, readyMs });
  return { url, timings: { buildMs, readyMs }, stop };
}

/** What the Next processes get: no secrets of this process (e.g. the token signing key), no test NODE_ENV. */
function childEnv(): NodeJS.ProcessEnv {
  const pick = (k: string) => (process.env[k] === undefined ? {} : { [k]: process.env[k] });
  // Turbopack refuses to run when $HOME is inside the project it builds.
  const home = process.env.HOME && !relative(ROOT, process.env.HOME).startsWith("..") ? undefined : process.env.HOME;
  return {
    ...pick("PATH"),
    ...pick("TMPDIR"),
    ...pick("LANG"),
    ...pick("TZ"),
    HOME: home ?? join(tmpdir(), "medloop-portal-home"),
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
  };
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
  if (!child.pid) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is already gone.
  }
}

/** Keeps the last lines of a child's output for error messages, and forwards each line. */
function capture(child: ChildProcess, onLine: (line: string) => void) {
  const lines: string[] = [];
  const take = (chunk: Buffer) => {
    for (const line of String(chunk).split("\n")) {
      if (!line.trim()) continue;
      lines.push(line);
      if (lines.length > 60) lines.shift();
      onLine(line);
    }
  };
  child.stdout?.on("data", take);
  child.stderr?.on("data", take);
  return () => lines.join("\n");
}

/**
 * Build when no build exists or its stamp differs. A lock in the temp folder keeps parallel test
 * files from building into the same `.next` at once; whoever waits re-checks the stamp after.
 */
async function buildIfStale(
  nextBin: string,
  env: NodeJS.ProcessEnv,
  log: (line: Record<string, unknown>) => void,
): Promise<number | null> {
  const hash = sourceHash();
  if (isCurrent(hash)) return null;
  const release = await lock();
  try {
    if (isCurrent(hash)) return null;
    log({ msg: "portal build", reason: existsSync(STAMP) ? "sources changed" : "no build yet" });
    const t0 = Date.now();
    const child = spawn(process.execPath, [nextBin, "build"], { cwd: WEB, env, stdio: ["ignore", "pipe", "pipe"] });
    const output = capture(child, (line) => log({ msg: "portal build", line }));
    const code = await new Promise<number | null>((r) => child.once("exit", (c) => r(c)));
    if (code !== 0) throw new Error(`next build failed (exit ${code}):\n${output()}`);
    const buildMs = Date.now() - t0;
    writeFileSync(STAMP, JSON.stringify({ hash, builtAt: new Date().toISOString(), buildMs }, null, 2));
    return buildMs;
  } finally {
    release();
  }
}

function isCurrent(hash: string): boolean {
  if (!existsSync(join(WEB, ".next", "BUILD_ID")) || !existsSync(STAMP)) return false;
  try {
    return (JSON.parse(readFileSync(STAMP, "utf8")) as { hash?: string }).hash === hash;
  } catch {
    return false;
  }
}

/** The portal's sources, the domain files it imports, the tsconfig it extends and the package versions. */
export function sourceHash(): string {
  const h = createHash("sha256");
  const files = [...walk(WEB), ...sharedClosure(), join(ROOT, "tsconfig.base.json")].sort();
  for (const f of new Set(files)) {
    h.update(`${relative(ROOT, f)}\0`);
    h.update(readFileSync(f));
    h.update("\0");
  }
  const req = createRequire(join(WEB, "package.json"));
  for (const p of PACKAGES) {
    let version = "missing";
    try {
      version = (JSON.parse(readFileSync(req.resolve(`${p}/package.json`), "utf8")) as { version: string }).version;
    } catch {
      version = packageVersionByPath(p);
    }
    h.update(`${p}@${version}\0`);
  }
  h.update(`node@${process.versions.node.split(".")[0]}`);
  return h.digest("hex");
}

/** For packages whose `exports` hide package.json: find it through node_modules directly. */
function packageVersionByPath(name: string): string {
  for (const base of [join(WEB, "node_modules"), join(ROOT, "node_modules")]) {
    const file = join(base, name, "package.json");
    if (existsSync(file)) return (JSON.parse(readFileSync(file, "utf8")) as { version: string }).version;
  }
  return "missing";
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(path));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

const IMPORT = /(?:from|import)\s*["']([^"']+)["']/g;

/** The `@medloop/shared` files the portal imports, followed through their relative imports. */
function sharedClosure(): string[] {
  const seen = new Set<string>();
  const queue: string[] = [];
  const add = (file: string | undefined) => {
    if (file && !seen.has(file) && existsSync(file) && statSync(file).isFile()) {
      seen.add(file);
      queue.push(file);
    }
  };
  const webSources = walk(join(WEB, "src")).filter((f) => /\.(ts|tsx)$/.test(f));
  for (const f of webSources) {
    for (const [, spec] of readFileSync(f, "utf8").matchAll(IMPORT)) {
      if (spec === "@medloop/shared") add(join(SHARED_SRC, "index.ts"));
      else if (spec?.startsWith("@medloop/shared/"))
        add(tsFile(join(SHARED_SRC, spec.slice("@medloop/shared/".length))));
    }
  }
  while (queue.length) {
    const file = queue.pop()!;
    for (const [, spec] of readFileSync(file, "utf8").matchAll(IMPORT)) {
      if (spec?.startsWith(".")) add(tsFile(resolve(dirname(file), spec)));
    }
  }
  return [...seen];
}

const tsFile = (path: string) => (path.endsWith(".ts") ? path : `${path}.ts`);

/** A cross-process lock (a directory holding the owner's pid); a dead owner's lock is taken over. */
async function lock(): Promise<() => void> {
  const dir = join(
    tmpdir(),
    `medloop-portal-build-${createHash("sha256").update(WEB).digest("hex").slice(0, 12)}.lock`,
  );
  const pidFile = join(dir, "pid");
  await waitFor(
    () => {
      try {
        mkdirSync(dir);
        writeFileSync(pidFile, String(process.pid));
        return true;
      } catch {
        const owner = Number(existsSync(pidFile) ? readFileSync(pidFile, "utf8") : Number.NaN);
        if (Number.isInteger(owner) && !alive(owner)) rmSync(dir, { recursive: true, force: true });
        return false;
      }
    },
    { timeoutMs: 10 * 60_000, intervalMs: 250, what: "another process to finish building the portal" },
  );
  return () => rmSync(dir, { recursive: true, force: true });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

import { createServer } from "node:net";

/** A port the OS says is free right now (tests start every service on one of these). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** Fail early and clearly when a configured port is taken, instead of a stack trace later. */
export function assertPortFree(port: number, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", (e: NodeJS.ErrnoException) =>
      reject(
        new Error(
          e.code === "EADDRINUSE"
            ? `Port ${port} for ${what} is already in use. Stop what uses it, or choose another port (see README: ports).`
            : `Cannot listen on port ${port} for ${what}: ${e.message}`,
        ),
      ),
    );
    srv.listen(port, "127.0.0.1", () => srv.close(() => resolve()));
  });
}

/** Wait for a condition, polling; the only way tests and start-up wait (never a bare sleep). */
export async function waitFor<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  { timeoutMs = 15_000, intervalMs = 50, what = "condition" } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `Timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${String(lastError)}` : ""}`,
      );
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/**
 * How long a local HTTP server keeps an idle keep-alive connection. Longer than any client keeps
 * one (Node's agents drop theirs after 5 s idle, undici after 4 s), so the client always closes
 * first: with equal timeouts a client can write a request onto a socket the server is closing at
 * that moment, and reads ECONNRESET. Load balancers in the cloud follow the same rule.
 */
export const IDLE_CONNECTION_MS = 65_000;

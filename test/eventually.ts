/**
 * Wait on a condition, not on the clock: call `probe` until it returns a value (not undefined) or
 * the timeout passes, then fail with what was awaited. For effects that travel through the stream
 * and the bus (projections, subscribers).
 */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  { timeoutMs = 20_000, everyMs = 100 } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

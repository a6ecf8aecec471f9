/** Runs once when the server starts: refuse to serve with a broken configuration. */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { env } = await import("./env");
    env();
  }
}

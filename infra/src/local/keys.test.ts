import { importPKCS8, SignJWT } from "jose";
import { afterEach, describe, expect, it, vi } from "vitest";
import { loadOrCreateKeys, tokenVerifier } from "./keys.ts";

const sign = async (keys: Awaited<ReturnType<typeof loadOrCreateKeys>>, exp: number, iss = "local") =>
  new SignJWT({ tid: "acme-med" })
    .setProtectedHeader({ alg: "ES256", kid: keys.kid })
    .setIssuer(iss)
    .setAudience("medloop")
    .setExpirationTime(exp)
    .sign(await importPKCS8(keys.privatePem, "ES256"));

describe("the local token verifier", () => {
  afterEach(() => vi.useRealTimers());

  it("remembers a verified token only until it expires", async () => {
    const keys = await loadOrCreateKeys();
    const verify = tokenVerifier(keys, "local", "medloop");
    const now = Math.floor(Date.now() / 1000);
    const token = await sign(keys, now + 60);
    expect((await verify(token)).tid).toBe("acme-med");
    expect((await verify(token)).tid).toBe("acme-med");
    vi.useFakeTimers({ now: (now + 120) * 1000 });
    await expect(verify(token)).rejects.toThrow(/exp/);
  });

  it("never remembers a token it refused", async () => {
    const keys = await loadOrCreateKeys();
    const other = await loadOrCreateKeys();
    const verify = tokenVerifier(keys, "local", "medloop");
    const forged = await sign(other, Math.floor(Date.now() / 1000) + 60);
    await expect(verify(forged)).rejects.toThrow();
    await expect(verify(forged)).rejects.toThrow();
    await expect(verify(await sign(keys, Math.floor(Date.now() / 1000) + 60, "elsewhere"))).rejects.toThrow(/iss/);
  });
});

import { importPKCS8, SignJWT } from "jose";
import { afterEach, describe, expect, it, vi } from "vitest";
import { loadOrCreateKeys, tokenVerifier } from "./keys.ts";

const HOUR = 3600;
const nowS = () => Math.floor(Date.now() / 1000);

const sign = async (
  keys: Awaited<ReturnType<typeof loadOrCreateKeys>>,
  exp: number | undefined,
  iss = "local",
  iat = nowS(),
) => {
  const jwt = new SignJWT({ tid: "acme-med" })
    .setProtectedHeader({ alg: "ES256", kid: keys.kid })
    .setIssuer(iss)
    .setAudience("medloop")
    .setIssuedAt(iat);
  return (exp === undefined ? jwt : jwt.setExpirationTime(exp)).sign(await importPKCS8(keys.privatePem, "ES256"));
};

describe("the local token verifier", () => {
  afterEach(() => vi.useRealTimers());

  it("remembers a verified token only until it expires", async () => {
    const keys = await loadOrCreateKeys();
    const verify = tokenVerifier(keys, "local", "medloop", 12 * HOUR);
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
    const verify = tokenVerifier(keys, "local", "medloop", 12 * HOUR);
    const forged = await sign(other, Math.floor(Date.now() / 1000) + 60);
    await expect(verify(forged)).rejects.toThrow();
    await expect(verify(forged)).rejects.toThrow();
    await expect(verify(await sign(keys, Math.floor(Date.now() / 1000) + 60, "elsewhere"))).rejects.toThrow(/iss/);
  });

  it("refuses a correctly signed token without exp, or claiming a longer life than allowed", async () => {
    const keys = await loadOrCreateKeys();
    const verify = tokenVerifier(keys, "local", "medloop", 12 * HOUR);
    await expect(verify(await sign(keys, undefined))).rejects.toThrow(/exp/);
    await expect(verify(await sign(keys, nowS() + 12 * HOUR + 1))).rejects.toThrow(/longer life/);
    // The life is exp - iat: an old iat cannot stretch it either.
    await expect(verify(await sign(keys, nowS() + HOUR, "local", nowS() - 12 * HOUR))).rejects.toThrow(/longer life/);
    expect((await verify(await sign(keys, nowS() + 12 * HOUR))).tid).toBe("acme-med");
  });

  it("refuses a token without iat: its life could not be measured", async () => {
    const keys = await loadOrCreateKeys();
    const verify = tokenVerifier(keys, "local", "medloop", 12 * HOUR);
    const token = await new SignJWT({ tid: "acme-med" })
      .setProtectedHeader({ alg: "ES256", kid: keys.kid })
      .setIssuer("local")
      .setAudience("medloop")
      .setExpirationTime(nowS() + HOUR)
      .sign(await importPKCS8(keys.privatePem, "ES256"));
    await expect(verify(token)).rejects.toThrow(/iat/);
  });
});

import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { route } from "@medloop/shared/contracts/route";
import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { json } from "./http-errors.ts";

const contract = route({
  method: "POST",
  path: "/v1/things",
  summary: "A thing",
  roles: ["admin"],
  request: { body: z.object({ name: z.string() }) },
  response: z.object({}),
  errors: { 409: ["thing-taken"] },
});
const answer = (status: number, code: string) => json(status, { error: { code, message: code } });

/** The module reads its mode once, as a Lambda reads its environment at cold start. */
async function heldIn(mode: string) {
  vi.resetModules();
  vi.stubEnv("MEDLOOP_CONTRACT_ERRORS", mode);
  return (await import("./contract-errors.ts")).heldToContract;
}
afterEach(() => vi.unstubAllEnvs());

describe("error answers held to the route's contract", () => {
  it("strict: a declared or stack code passes; an undeclared one becomes a 500 naming it", async () => {
    const held = await heldIn("strict");
    expect(held(contract, answer(409, "thing-taken")).statusCode).toBe(409);
    expect(held(contract, answer(400, "invalid-json")).statusCode).toBe(400);
    expect(held(contract, answer(415, "unsupported-media-type")).statusCode).toBe(415);
    const undeclared = held(contract, answer(422, "thing-too-big"));
    expect(undeclared.statusCode).toBe(500);
    expect(JSON.parse(String(undeclared.body)).error).toMatchObject({
      code: "undeclared-error",
      message: expect.stringContaining("POST /v1/things 422 thing-too-big"),
    });
    // A code declared for another status is not declared for this one.
    expect(held(contract, answer(422, "thing-taken")).statusCode).toBe(500);
  });

  it("record: passes the answer on and writes what was undeclared; off: passes everything", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "contract-errors-")), "seen.txt");
    const recording = await heldIn(`record:${file}`);
    expect(recording(contract, answer(422, "thing-too-big")).statusCode).toBe(422);
    expect(readFileSync(file, "utf8")).toBe("POST /v1/things 422 thing-too-big\n");
    const off = await heldIn("");
    expect(off(contract, answer(422, "thing-too-big")).statusCode).toBe(422);
  });
});

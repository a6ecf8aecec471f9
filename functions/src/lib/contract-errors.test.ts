import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { route } from "@medloop/shared/contracts/route";
import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";

const contract = route({
  method: "POST",
  path: "/v1/things",
  summary: "A thing",
  roles: ["admin"],
  request: { body: z.object({ name: z.string() }) },
  response: z.object({}),
  errors: { 409: ["thing-taken"] },
});
const KIND = { 400: "validation", 409: "conflict", 415: "unsupported-media-type", 422: "unprocessable" } as const;

/**
 * The module reads its mode once, as a Lambda reads its environment at cold start. The errors are
 * made from the same fresh module graph, so the stack recognises them as its own.
 */
async function heldIn(mode: string) {
  vi.resetModules();
  vi.stubEnv("MEDLOOP_CONTRACT_ERRORS", mode);
  const { heldToContract } = await import("./contract-errors.ts");
  const { errorResponse } = await import("./http-errors.ts");
  const { DomainError } = await import("@medloop/shared");
  /** An error of that status and code, with the answer the HTTP stack gives it. */
  const answer = (status: keyof typeof KIND, code: string) => {
    const error = new DomainError(KIND[status], code, code);
    return [error, errorResponse(error)] as const;
  };
  return { held: heldToContract, answer };
}
afterEach(() => vi.unstubAllEnvs());

describe("error answers held to the route's contract", () => {
  it("strict: a declared or stack code passes; an undeclared one becomes a 500 naming it", async () => {
    const { held, answer } = await heldIn("strict");
    expect(held(contract, ...answer(409, "thing-taken")).statusCode).toBe(409);
    expect(held(contract, ...answer(400, "invalid-json")).statusCode).toBe(400);
    expect(held(contract, ...answer(415, "unsupported-media-type")).statusCode).toBe(415);
    const undeclared = held(contract, ...answer(422, "thing-too-big"));
    expect(undeclared.statusCode).toBe(500);
    expect(JSON.parse(String(undeclared.body)).error).toMatchObject({
      code: "undeclared-error",
      message: expect.stringContaining("POST /v1/things 422 thing-too-big"),
    });
    // A code declared for another status is not declared for this one.
    expect(held(contract, ...answer(422, "thing-taken")).statusCode).toBe(500);
  });

  it("record: passes the answer on and writes what was undeclared; off: passes everything", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "contract-errors-")), "seen.txt");
    const { held: recording, answer } = await heldIn(`record:${file}`);
    expect(recording(contract, ...answer(422, "thing-too-big")).statusCode).toBe(422);
    expect(readFileSync(file, "utf8")).toBe("POST /v1/things 422 thing-too-big\n");
    const { held: off } = await heldIn("");
    expect(off(contract, ...answer(422, "thing-too-big")).statusCode).toBe(422);
  });
});

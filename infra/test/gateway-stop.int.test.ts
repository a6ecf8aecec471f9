import type { CapabilityDeclaration } from "@medloop/functions/declaration/types";
import { expect, it, vi } from "vitest";
import { z } from "zod";
import { held } from "../../test/fixtures/held-handler.ts";
import { startTestPlatform } from "../../test/platform.ts";

const fixture: CapabilityDeclaration = {
  name: "held",
  spec: [],
  routes: [
    {
      method: "GET",
      path: "/v1/held",
      handler: "../../test/fixtures/held-handler",
      resource: "held",
      operation: "held",
      summary: "held until released",
      roles: "public",
      response: z.unknown(),
    },
  ],
};

it("stopping the platform lets a request already inside a handler finish before the table goes", async () => {
  const p = await startTestPlatform({ capabilities: [fixture], seed: false });
  const answer = fetch(`${p.urls.api}/v1/held`).then(
    (r) => r.status,
    () => "connection closed",
  );
  await vi.waitFor(() => expect(held.entered()).toBe(true), { timeout: 10_000 });

  let stopped = false;
  const stopping = p.stop().then(() => {
    stopped = true;
  });
  // The gateway has stopped accepting; the handler is still running, so stop has not finished.
  await vi.waitFor(async () => expect(await fetch(p.urls.api).catch(() => "refused")).toBe("refused"));
  expect(stopped).toBe(false);

  held.release();
  await stopping;
  expect(stopped).toBe(true);
  // The client's connection was closed at stop; what matters is the handler ran to its end first.
  expect(["connection closed", 200]).toContain(await answer);
});

import { defineCapability } from "../declaration/types.ts";

/** The plumbing every capability relies on: committed outbox items leave for the bus. */
export const platform = defineCapability({
  name: "platform",
  spec: ["INT-1"],
  streams: [
    {
      name: "outbox-relay",
      handler: "streams/outbox-relay",
      filter: "outbox",
      mode: "pipe-enrichment",
      description: "Carries each committed outbox item from the table stream to the event bus",
    },
  ],
});
